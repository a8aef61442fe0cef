package decp

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"io"
)

// ExtractStats counts what Extract read and kept.
type ExtractStats struct {
	Read, Kept int
}

// Extract copies the records of buyers from a DECP file (typically the
// national consolidated file, several GB) to out, in the same format: the
// JSON records as published inside {"marches":{"marche":[…]}}, the CSV
// rows under the same header. It streams; only the buyers' concessions are
// held until the end, to be written in their own list. progress, when not
// nil, is called after each record with the records read so far.
func Extract(r io.Reader, file string, f Format, gz bool, buyers Buyers, out io.Writer, progress func(ExtractStats)) (ExtractStats, error) {
	var st ExtractStats
	if gz {
		z, err := gzip.NewReader(r)
		if err != nil {
			return st, &Error{File: file, Msg: "fichier .gz illisible : " + err.Error()}
		}
		defer z.Close()
		r = z
	}
	lr := newLineReader(r)
	bw := bufio.NewWriterSize(out, 256<<10)
	var err error
	if f == CSV {
		err = extractCSV(lr, file, buyers, bw, &st, progress)
	} else {
		err = extractJSON(lr, file, buyers, bw, &st, progress)
	}
	if err != nil {
		return st, err
	}
	return st, bw.Flush()
}

func extractJSON(lr *lineReader, file string, buyers Buyers, w *bufio.Writer, st *ExtractStats, progress func(ExtractStats)) error {
	var concessions [][]byte
	w.WriteString(`{"marches":{"marche":[`)
	err := scanJSON(lr, file, func(el element) error {
		st.Read++
		c := parseJSON(el, file, nil)
		if c != nil {
			if ok, _ := buyers.Match(c.Buyer); ok {
				if c.Concession {
					concessions = append(concessions, append([]byte(nil), el.Raw...))
				} else {
					if st.Kept-len(concessions) > 0 {
						w.WriteString(",")
					}
					w.WriteString("\n")
					w.Write(el.Raw)
				}
				st.Kept++
			}
		}
		if progress != nil {
			progress(*st)
		}
		return nil
	})
	if err != nil {
		return err
	}
	w.WriteString("\n],\"contrat-concession\":[")
	for i, raw := range concessions {
		if i > 0 {
			w.WriteString(",")
		}
		w.WriteString("\n")
		w.Write(raw)
	}
	_, err = w.WriteString("\n]}}\n")
	return err
}

func extractCSV(lr *lineReader, file string, buyers Buyers, w *bufio.Writer, st *ExtractStats, progress func(ExtractStats)) error {
	t, err := newCSV(lr, file)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Write(t.Head)
	for {
		rec, _, err := t.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		st.Read++
		if ok, _ := buyers.Match(t.Buyer(rec)); ok {
			st.Kept++
			cw.Write(rec)
		}
		if progress != nil {
			progress(*st)
		}
	}
	cw.Flush()
	return cw.Error()
}
