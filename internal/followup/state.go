// Package followup computes, once per build and after the data are
// checked, where every indicator stands: for each year, the targets that
// apply (with the absolute figure of a relative target), the status, the
// French sentences, the chart's series, the open-data rows and the
// tallies. Layouts, open data, charts, spaser check and the preview only
// read its Result: a rule about targets lives here and nowhere else. The
// rules are written for editors in the README (« L’état d’un indicateur »).
package followup

// State is where an indicator stands in a year.
type State int

// The states. From Missed to Met, the worse first: the state of a year
// with several targets is the worst of them. None and NoTarget stand apart.
const (
	None            State = iota // no figure that year
	NoTarget                     // a figure, no target
	Missed                       // the target's year has come, not reached
	BelowFloor                   // floor and aim: below the floor
	Late                         // before the deadline, behind the path
	FloorMet                     // floor and aim: the floor, not the aim
	NotYet                       // a milestone not reached, its deadline to come
	RelativePending              // a relative target whose starting figure is not published
	InProgress                   // before the deadline, no starting figure to draw a path from
	Reported                     // a qualitative commitment reported on
	OnTrack                      // before the deadline, on or ahead of the path
	AimMet                       // floor and aim: the aim
	Met                          // the target's year has come, reached
)

// stateInfo is the one place where a state is named and explained: the
// site, the open data and the README use these words.
type stateInfo struct {
	Slug  string // class and anchor names
	Label string // the word on the site and in the open data
	Rule  string // when, for readers (the README's table has the same text)
	Icon  string // the d attribute of the badge's 16×16 SVG path
}

var states = map[State]stateInfo{
	Met:             {"atteint", "atteint", "L’année de l’objectif est arrivée (palier en vigueur ou échéance atteinte) et la valeur l’atteint, au dixième près ; pour un jalon, il est franchi.", "M2.5 8.5l3.5 3.5 7.5-8"},
	AimMet:          {"objectif-atteint", "objectif atteint", "Objectif avec plancher : la valeur atteint l’objectif.", "M2.5 8.5l3.5 3.5 7.5-8M2.5 4.5h11"},
	OnTrack:         {"en-bonne-voie", "en bonne voie", "Avant l’échéance (ou avant qu’un palier s’applique) : la valeur atteint déjà l’objectif, ou elle est au niveau ou en avance sur la droite qui va de la situation de départ datée à l’objectif.", "M3 13L13 3M6 3h7v7"},
	Reported:        {"compte-rendu", "compte rendu publié", "Engagement qualitatif : le compte rendu de l’année est publié.", "M3 3h10v10H3zM5.5 6h5M5.5 8.5h5M5.5 11h3"},
	InProgress:      {"en-cours", "en cours", "Avant l’échéance, l’objectif n’est pas encore atteint et il n’y a pas de situation de départ datée pour tracer une trajectoire.", "M8 2.5a5.5 5.5 0 1 0 5.5 5.5M8 4.5V8l2.5 2"},
	RelativePending: {"situation-de-depart-a-publier", "objectif relatif, situation de départ à publier", "Objectif relatif (×2, +50 %, −30 %) dont la situation de départ n’est pas publiée : l’objectif ne peut pas encore être chiffré.", "M8 2.5v6M8 11.5v1M3 14h10"},
	NotYet:          {"pas-encore", "pas encore", "Jalon (label, charte) pas encore franchi, son échéance n’étant pas passée.", "M8 2.5a5.5 5.5 0 1 1 0 11a5.5 5.5 0 0 1 0-11zM8 5v3"},
	FloorMet:        {"plancher-atteint", "plancher atteint, objectif non atteint", "Objectif avec plancher : la valeur atteint le plancher, pas l’objectif.", "M2.5 13.5h11M5 10l3-3 3 3"},
	Late:            {"en-retard", "en retard", "Avant l’échéance : la valeur est en dessous de la droite qui va de la situation de départ datée à l’objectif (au-dessus, pour un objectif « au plus »).", "M8 1.8l6.6 12H1.4zM8 6v4M8 11.6v.4"},
	BelowFloor:      {"sous-le-plancher", "sous le plancher", "Objectif avec plancher : la valeur est sous le plancher.", "M2.5 2.5h11M5 6l3 3 3-3M8 9v5"},
	Missed:          {"non-atteint", "non atteint", "L’année de l’objectif est arrivée ou passée et la valeur ne l’atteint pas (hors de la fourchette) ; pour un jalon, l’échéance est passée sans qu’il soit franchi.", "M3.5 3.5l9 9M12.5 3.5l-9 9"},
	NoTarget:        {"sans-objectif", "sans objectif chiffré", "Une valeur est publiée, mais le schéma ne fixe pas d’objectif pour cet indicateur.", "M3 8h10"},
	None:            {"non-renseigne", "non renseigné", "Aucune valeur n’est publiée pour l’année (ou seulement un chiffre « à publier »).", "M8 2.5a5.5 5.5 0 1 1 0 11a5.5 5.5 0 0 1 0-11z"},
}

// Slug names the state in class names.
func (s State) Slug() string { return states[s].Slug }

// Label is the state in French, as the site and the open data write it.
func (s State) Label() string { return states[s].Label }

// Rule says when a state is given.
func (s State) Rule() string { return states[s].Rule }

// Icon is the path of the state's icon.
func (s State) Icon() string { return states[s].Icon }

// Judged reports whether the state compares a figure with a target.
func (s State) Judged() bool { return s != None && s != NoTarget }

// States lists every state, the best first, for legends and the README.
func States() []State {
	return []State{Met, AimMet, OnTrack, Reported, InProgress, RelativePending, NotYet, FloorMet, Late, BelowFloor, Missed, NoTarget, None}
}

// worse reports whether a is worse than b among judged states.
func worse(a, b State) bool { return a < b }
