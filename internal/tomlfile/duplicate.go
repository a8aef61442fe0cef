package tomlfile

import (
	"fmt"
	"regexp"
	"strings"
)

var (
	keyLineRe   = regexp.MustCompile(`^\s*([A-Za-z0-9_-]+)\s*=`)
	tableLineRe = regexp.MustCompile(`^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(#.*)?$`)
)

// explainDuplicate explains a key written twice in the same table. The
// usual cause in a values file is not a typo of the key: the line that
// opens the next block ([identifiant]) is missing, so its keys fall into
// the block above. The hint names both lines and that cause.
func explainDuplicate(src []byte, line int) (msg, hint string) {
	text := lineText(src, line)
	if m := tableLineRe.FindStringSubmatch(text); m != nil {
		for n := line - 1; n >= 1; n-- {
			if t := tableLineRe.FindStringSubmatch(lineText(src, n)); t != nil && t[1] == m[1] && !strings.HasPrefix(strings.TrimSpace(text), "[[") {
				return fmt.Sprintf("le bloc [%s] est écrit deux fois", m[1]),
					fmt.Sprintf("Il est déjà ouvert à la ligne %d : regroupez les deux blocs en un seul, ou corrigez l'identifiant de l'un d'eux.", n)
			}
		}
		return "cette clé ou cette table est définie deux fois", "Supprimez ou renommez l'une des deux définitions."
	}
	m := keyLineRe.FindStringSubmatch(text)
	if m == nil {
		return "cette clé ou cette table est définie deux fois", "Supprimez ou renommez l'une des deux définitions."
	}
	key, first, table := m[1], 0, ""
	for n := line - 1; n >= 1; n-- {
		s := lineText(src, n)
		if t := tableLineRe.FindStringSubmatch(s); t != nil {
			table = t[1]
			break
		}
		if k := keyLineRe.FindStringSubmatch(s); k != nil && k[1] == key && first == 0 {
			first = n
		}
	}
	if first == 0 {
		return "cette clé ou cette table est définie deux fois", "Supprimez ou renommez l'une des deux définitions."
	}
	where := "en tête du fichier"
	if table != "" {
		where = "dans le bloc [" + table + "]"
	}
	return fmt.Sprintf("« %s » est déjà écrit à la ligne %d, %s", key, first, where),
		fmt.Sprintf("Si cette ligne appartient à un autre bloc, la ligne qui l'ouvre (par exemple [identifiant]) manque au-dessus : ajoutez-la. Sinon, gardez une seule ligne « %s = … ».", key)
}
