//go:build unix

package decp

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process used: on a shared machine it says
// more than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// writeBenchContracts writes a SYNTHETIC 2.0.1+ file of n contracts shaped
// like real ones (about 1 KB each, every field of the format); four in five
// are the site's.
func writeBenchContracts(out io.Writer, n int) error {
	b := bufio.NewWriter(out)
	b.WriteString(`{"marches":{"marche":[`)
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(",\n")
		}
		buyer := "21940028800010"
		if i%5 == 0 {
			buyer = "21750001600019"
		}
		fmt.Fprintf(b, `{"id":"2025-%07d","acheteur":{"id":%q},"nature":"Marché","objet":"Travaux de rénovation énergétique du collège numéro %d, lot %d","codeCPV":"45000000","procedure":"Appel d'offres ouvert","techniques":{"technique":["Accord-cadre"]},"modalitesExecution":{"modaliteExecution":["Bons de commande"]},"marcheInnovant":%v,"ccag":"Travaux","offresRecues":4,"attributionAvance":false,"tauxAvance":0,"typeGroupementOperateurs":"Pas de groupement","sousTraitanceDeclaree":false,"lieuExecution":{"code":"94","typeCode":"Code département"},"dureeMois":24,"dateNotification":"202%d-%02d-15","datePublicationDonnees":"2025-12-01","montant":%d.5,"typesPrix":{"typePrix":["Définitif ferme"]},"formePrix":"Forfaitaire","titulaires":[{"titulaire":{"typeIdentifiant":"SIRET","id":"1234567890%04d"}}],"considerationsSociales":{"considerationSociale":[%q]},"considerationsEnvironnementales":{"considerationEnvironnementale":[%q]},"modifications":[],"actesSousTraitance":[],"modificationsActesSousTraitance":[]}`,
			i, buyer, i, i%7, i%11 == 0, 4+i%2, 1+i%12, 40000+i*13, i%10000,
			[]string{"Clause sociale", "Pas de considération sociale", "Critère social"}[i%3],
			[]string{"Clause environnementale", "Pas de considération environnementale"}[i%2])
	}
	b.WriteString("]}}")
	return b.Flush()
}

// BenchmarkCount100k reads a file of 100 000 contracts from disk and
// counts them (issue 13: ≤ 2 s, ≤ 300 MB peak). The data is written to a
// temporary file first so that the peak memory is the reader's:
//
//	go test -c ./internal/decp && /usr/bin/time -v ./decp.test -test.run X -test.bench Count100k -test.count 5
func BenchmarkCount100k(b *testing.B) {
	name := filepath.Join(b.TempDir(), "bench.json")
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	if err := writeBenchContracts(f, 100000); err != nil {
		b.Fatal(err)
	}
	st, _ := f.Stat()
	f.Close()
	buyers, _ := NewBuyers([]string{"219400288"})
	b.SetBytes(st.Size())
	b.ResetTimer()
	cpu := cpuTime()
	for b.Loop() {
		k := NewCounter(buyers, today, &Warnings{})
		f, err := os.Open(name)
		if err != nil {
			b.Fatal(err)
		}
		err = Read(f, "bench.json", JSON, false, &Warnings{}, k.Add)
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		if r := k.Report(); r.Year(2025).Kept == 0 {
			b.Fatal("nothing counted")
		}
	}
	b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/op")
}
