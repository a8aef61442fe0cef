package typo

// Size writes a file size in French: « 850 octets », « 120 Ko », « 2,3 Mo ».
func Size(n int64) string {
	switch {
	case n < 1000:
		return Number(float64(n), 0) + nbsp + "octets"
	case n < 1000*1000:
		return Number(float64(n)/1000, 0) + nbsp + "Ko"
	}
	return Number(float64(n)/1e6, 1) + nbsp + "Mo"
}
