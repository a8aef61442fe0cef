package config

import "testing"

// TestUnitID: a unit id is a slug whose words may also be joined by "_"
// (it is never an address); the rest of the slug rule holds.
func TestUnitID(t *testing.T) {
	for id, want := range map[string]bool{
		"repas": true, "repas-servis": true, "repas_servis": true, "t_co2-eq": true,
		"": false, "_repas": false, "repas_": false, "a__b": false, "a_-b": false, "Repas": false, "repas servis": false,
	} {
		if got := unitID(id); got != want {
			t.Errorf("unitID(%q) = %v, want %v", id, got, want)
		}
	}
}
