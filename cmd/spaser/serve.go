package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"

	"spaser"
	"spaser/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	source := sourceFlag(fs)
	port := fs.Int("port", 1313, "port de l'aperçu, sur 127.0.0.1 (0 : un port libre au hasard)")
	open := fs.Bool("open", false, "ouvre l'aperçu dans le navigateur")
	dest := fs.String("dest", "", "écrit aussi chaque construction réussie dans ce dossier (par défaut : rien n'est écrit, l'aperçu est en mémoire)")
	baseURL := fs.String("base-url", "", "chemin sous lequel l'aperçu sert le site, par exemple /spaser/ (par défaut : celui de base_url dans data/site.toml, comme le site publié)")
	fs.Usage = func() {
		fmt.Fprint(stderr, `Utilisation : spaser serve [--source DOSSIER] [--port N] [--open] [--dest DOSSIER]

Aperçu du site dans le navigateur, à l'adresse http://127.0.0.1:1313/ suivie
du chemin de base_url (data/site.toml), avec les en-têtes HTTP du site publié.
Le site est construit en mémoire (public/ n'est pas touché), puis reconstruit
à chaque modification d'un fichier de content/, data/ ou layouts/ ; la page
ouverte se recharge d'elle-même. En cas d'erreur, la page affiche le message,
le fichier, la ligne et les lignes voisines, jusqu'à ce que le fichier soit
corrigé. Ctrl+C arrête l'aperçu.

Options :
`)
		printOptions(fs, stderr)
	}
	if code, ok := parseCommand(fs, args, stderr); !ok {
		return code
	}
	if st, err := os.Stat(*source); err != nil || !st.IsDir() {
		fmt.Fprintf(stderr, "spaser serve : le dossier source %s n'existe pas ou n'est pas un dossier\n", *source)
		return 2
	}
	srv, err := serve.New(serve.Options{Source: *source, BaseURL: *baseURL, Dest: *dest, Defaults: spaser.Layouts, Log: stdout})
	if err != nil {
		fmt.Fprintf(stderr, "spaser serve : %v\n", err)
		return 2
	}
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "spaser serve : impossible d'écouter sur le port %d (%v).\n    → Ce port est peut-être déjà pris, par un autre aperçu par exemple : fermez-le, ou choisissez-en un autre avec --port 8080.\n", *port, err)
		return 2
	}
	url := fmt.Sprintf("http://%s%s", ln.Addr(), srv.BasePath())
	fmt.Fprintf(stdout, "Aperçu du site : %s (Ctrl+C pour arrêter).\n", url)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if *open {
		go openBrowser(url, stderr)
	}
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "spaser serve : %v\n", err)
		return 1
	}
	fmt.Fprintln(stdout, "Aperçu arrêté.")
	return 0
}

// openBrowser opens url in the desktop's browser; a failure only prints the
// address to open by hand.
func openBrowser(url string, stderr io.Writer) {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "Ouverture du navigateur impossible (%v) : ouvrez %s vous-même.\n", err, url)
		return
	}
	go func() { _ = cmd.Wait() }()
}
