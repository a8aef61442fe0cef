package chart

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Clean rewrites an SVG drawn by ECharts into the inline SVG of a page. It
// parses it with encoding/xml (a malformed SVG is an error, never passed
// through) and writes back only allowed elements and presentation
// attributes:
//   - no script, style sheet, link, image, foreignObject or event handler
//     (anything unexpected is an error); the hover styles and the CSS
//     classes ECharts adds for interactivity are dropped;
//   - style attributes become presentation attributes (font-size…), so that
//     the page works under a CSP without 'unsafe-inline';
//   - ids are renamed from ECharts' per-process counters (zr0-…) to the
//     chart's fixed id, so the output does not depend on the order of
//     rendering and two charts never share an id;
//   - url() references may only point inside the SVG (#id);
//   - text is escaped again.
//
// attrs are set on the root element, after viewBox (role, aria-…, class).
func Clean(raw []byte, id string, attrs [][2]string) (string, error) {
	d := xml.NewDecoder(bytes.NewReader(raw))
	d.Strict = true
	var b strings.Builder
	b.Grow(len(raw))
	depth, skip := 0, 0
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("SVG illisible : %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			name := t.Name.Local
			if t.Name.Space != "" && t.Name.Space != svgNS {
				return "", fmt.Errorf("SVG : élément %s:%s inattendu", t.Name.Space, name)
			}
			if depth == 0 && name != "svg" {
				return "", fmt.Errorf("SVG : la racine est <%s>", name)
			}
			if dropped[name] {
				skip = 1
				continue
			}
			if !elements[name] || (depth > 0 && name == "svg") {
				return "", fmt.Errorf("SVG : élément <%s> inattendu", name)
			}
			depth++
			stack = append(stack, name)
			b.WriteString("<" + name)
			if depth == 1 {
				if err := writeRoot(&b, t.Attr, attrs); err != nil {
					return "", err
				}
			} else if err := writeAttrs(&b, t.Attr, id); err != nil {
				return "", err
			}
			b.WriteString(">")
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			depth--
			b.WriteString("</" + stack[len(stack)-1] + ">")
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skip > 0 || depth == 0 {
				continue
			}
			if in := stack[len(stack)-1]; in != "text" && in != "tspan" {
				if len(bytes.TrimSpace(t)) > 0 {
					return "", fmt.Errorf("SVG : texte hors d'un élément text dans <%s>", in)
				}
				continue
			}
			if err := xml.EscapeText(&writer{&b}, t); err != nil {
				return "", err
			}
		case xml.ProcInst, xml.Directive:
			if depth > 0 {
				return "", fmt.Errorf("SVG : instruction inattendue")
			}
		case xml.Comment:
		}
	}
	if depth != 0 || b.Len() == 0 {
		return "", fmt.Errorf("SVG incomplet")
	}
	return b.String(), nil
}

const svgNS = "http://www.w3.org/2000/svg"

var elements = map[string]bool{
	"svg": true, "g": true, "path": true, "rect": true, "circle": true, "ellipse": true, "line": true,
	"polyline": true, "polygon": true, "text": true, "tspan": true, "defs": true, "pattern": true,
	"clipPath": true, "linearGradient": true, "radialGradient": true, "stop": true,
}

// dropped elements are removed with their content: ECharts' hover styles.
var dropped = map[string]bool{"style": true}

// presentation attributes kept as they are (after checking their value).
var presentation = map[string]bool{
	"d": true, "fill": true, "fill-opacity": true, "fill-rule": true, "stroke": true, "stroke-width": true,
	"stroke-opacity": true, "stroke-dasharray": true, "stroke-dashoffset": true, "stroke-linecap": true,
	"stroke-linejoin": true, "stroke-miterlimit": true, "opacity": true, "transform": true,
	"x": true, "y": true, "x1": true, "y1": true, "x2": true, "y2": true, "cx": true, "cy": true, "r": true,
	"rx": true, "ry": true, "dx": true, "dy": true, "width": true, "height": true, "points": true,
	"clip-path": true, "patternUnits": true, "patternTransform": true, "patternContentUnits": true,
	"gradientUnits": true, "gradientTransform": true, "offset": true, "stop-color": true, "stop-opacity": true,
	"dominant-baseline": true, "text-anchor": true, "paint-order": true,
	"font-size": true, "font-family": true, "font-weight": true, "font-style": true,
}

// styleProps are the CSS properties of a style attribute turned into
// presentation attributes.
var styleProps = map[string]bool{"font-size": true, "font-family": true, "font-weight": true, "font-style": true, "fill": true, "stroke": true, "opacity": true}

var (
	urlRe     = regexp.MustCompile(`^url\(#([A-Za-z0-9_-]+)\)$`)
	idRe      = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)
	counterRe = regexp.MustCompile(`^zr\d+-`)
	viewBoxRe = regexp.MustCompile(`^[0-9. -]+$`)
	// safeValue: no markup, no escape to another context, no url() but
	// the ones checked above, no CSS expression.
	unsafeValue = regexp.MustCompile(`(?i)[<>&\\]|url\(|expression|javascript:|@import`)
)

func newID(id, old string) string { return id + "-" + counterRe.ReplaceAllString(old, "") }

func writeRoot(b *strings.Builder, in []xml.Attr, attrs [][2]string) error {
	for _, a := range in {
		if a.Name.Space == "" && a.Name.Local == "viewBox" {
			if !viewBoxRe.MatchString(a.Value) {
				return fmt.Errorf("SVG : viewBox incorrect %q", a.Value)
			}
			writeAttr(b, "viewBox", a.Value)
		}
	}
	for _, a := range attrs {
		writeAttr(b, a[0], a[1])
	}
	return nil
}

func writeAttrs(b *strings.Builder, in []xml.Attr, id string) error {
	set := map[string]bool{}
	for _, a := range in {
		if a.Name.Space == "" {
			set[a.Name.Local] = true
		}
	}
	for _, a := range in {
		if a.Name.Space != "" {
			continue // xml:space, xlink:…: not needed inline
		}
		name, v := a.Name.Local, a.Value
		switch {
		case name == "id":
			if !idRe.MatchString(v) {
				return fmt.Errorf("SVG : id incorrect %q", v)
			}
			writeAttr(b, "id", newID(id, v))
		case name == "style":
			for _, decl := range strings.Split(v, ";") {
				k, val, ok := strings.Cut(decl, ":")
				k, val = strings.TrimSpace(k), strings.TrimSpace(val)
				if !ok || !styleProps[k] || set[k] {
					continue
				}
				if unsafeValue.MatchString(val) {
					return fmt.Errorf("SVG : style %s incorrect %q", k, val)
				}
				writeAttr(b, k, val)
			}
		case presentation[name]:
			if m := urlRe.FindStringSubmatch(v); m != nil {
				writeAttr(b, name, "url(#"+newID(id, m[1])+")")
				continue
			}
			if unsafeValue.MatchString(v) {
				return fmt.Errorf("SVG : valeur incorrecte pour %s : %q", name, v)
			}
			writeAttr(b, name, v)
		default:
			// class, pointer-events, ecmeta_*, on*, href…: dropped.
		}
	}
	return nil
}

func writeAttr(b *strings.Builder, name, v string) {
	b.WriteString(" " + name + `="`)
	xml.EscapeText(&writer{b}, []byte(v))
	b.WriteString(`"`)
}

type writer struct{ b *strings.Builder }

func (w *writer) Write(p []byte) (int, error) { return w.b.Write(p) }

// Check verifies what Clean guarantees of a chart, on any SVG text (a page's
// inline chart, in tests): well-formed XML, drawing elements only, no event
// handler, style, link or "javascript", url() only to an id of the chart.
// It returns the chart's text, as a reader's tools would read it.
func Check(svg string) (string, error) {
	d := xml.NewDecoder(strings.NewReader(svg))
	d.Strict = true
	var text strings.Builder
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return text.String(), nil
		}
		if err != nil {
			return "", fmt.Errorf("SVG mal formé : %w", err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			if !elements[x.Name.Local] {
				return "", fmt.Errorf("élément <%s> interdit dans un graphique", x.Name.Local)
			}
			for _, a := range x.Attr {
				n, v := strings.ToLower(a.Name.Local), strings.ToLower(a.Value)
				if strings.HasPrefix(n, "on") || n == "href" || n == "style" || strings.Contains(v, "javascript") ||
					strings.Contains(v, "url(") && !urlRe.MatchString(a.Value) {
					return "", fmt.Errorf("attribut %s=%q interdit dans un graphique", a.Name.Local, a.Value)
				}
			}
		case xml.CharData:
			text.Write(x)
		}
	}
}
