package main_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serve starts `query serve` on the store at dir, on a free loopback port, and returns its base
// URL; the server stops with the test.
func serve(t *testing.T, dir string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, binary, append([]string{"--db", dir, "serve", "--addr", "127.0.0.1:0"}, args...)...)
	cmd.Env = append(os.Environ(), "DIPLOGRAPH_DB=")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); cmd.Wait() })
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := regexp.MustCompile(`at (http://\S+/)`).FindStringSubmatch(sc.Text()); m != nil {
				lines <- m[1]
			}
		}
	}()
	select {
	case u := <-lines:
		return u
	case <-time.After(10 * time.Second):
		t.Fatal("query serve did not say where it listens within 10s")
	}
	return ""
}

// webDriver is a minimal W3C WebDriver client for chromedriver.
type webDriver struct {
	t       *testing.T
	base    string // chromedriver's URL
	session string
}

// call sends a WebDriver command and decodes its value into out (if not nil).
func (d *webDriver) call(method, path string, body, out any) {
	d.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, d.base+path, rd)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		d.t.Fatalf("webdriver %s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	var env struct{ Value json.RawMessage }
	data, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(data, &env); err != nil || resp.StatusCode != 200 {
		d.t.Fatalf("webdriver %s %s: %s: %s", method, path, resp.Status, data)
	}
	if out != nil {
		if err := json.Unmarshal(env.Value, out); err != nil {
			d.t.Fatalf("webdriver %s %s: decode %s: %v", method, path, env.Value, err)
		}
	}
}

func (d *webDriver) cmd(method, path string, body, out any) {
	d.t.Helper()
	d.call(method, "/session/"+d.session+path, body, out)
}

// script runs JavaScript in the page and returns its result.
func (d *webDriver) script(js string, out any) {
	d.t.Helper()
	d.cmd("POST", "/execute/sync", map[string]any{"script": js, "args": []any{}}, out)
}

// waitFor polls the JavaScript condition js until it is true, for at most 15 seconds.
func (d *webDriver) waitFor(what, js string) {
	d.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		var ok bool
		d.script("return Boolean("+js+");", &ok)
		if ok {
			return
		}
		if time.Now().After(deadline) {
			var state string
			d.script(`return document.getElementById("title").innerText + " | type=" + document.getElementById("type").value +
				" | edges: " + (window.cy ? cy.edges().map(e => e.data("label")).join(",") : "");`, &state)
			d.t.Fatalf("waited 15s for %s (%s); the page: %s", what, js, state)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (d *webDriver) element(css string) string {
	d.t.Helper()
	var el map[string]string
	d.cmd("POST", "/element", map[string]string{"using": "css selector", "value": css}, &el)
	for _, id := range el {
		return id
	}
	d.t.Fatalf("no element %s", css)
	return ""
}

// clickEdge clicks with the mouse on the middle of the first edge x for which the JavaScript
// condition which holds, and waits for the evidence panel to fill; it tries three times, in
// case the graph was still settling.
func (d *webDriver) clickEdge(which string) {
	d.t.Helper()
	d.script(`document.getElementById("evidence").replaceChildren(); return null;`, nil)
	for try := 0; ; try++ {
		var at []float64
		d.script(`const e = cy.edges().filter(x => `+which+`)[0];
			if (!e) return null;
			const p = e.renderedMidpoint(), r = cy.container().getBoundingClientRect();
			return [r.left + p.x, r.top + p.y];`, &at)
		if len(at) != 2 {
			d.t.Fatalf("no edge where %s", which)
		}
		d.cmd("POST", "/actions", map[string]any{"actions": []any{map[string]any{
			"type": "pointer", "id": "mouse", "parameters": map[string]string{"pointerType": "mouse"},
			"actions": []any{
				map[string]any{"type": "pointerMove", "x": int(at[0]), "y": int(at[1]), "origin": "viewport"},
				map[string]any{"type": "pointerDown", "button": 0},
				map[string]any{"type": "pointerUp", "button": 0},
			}}}}, nil)
		for start := time.Now(); time.Since(start) < 3*time.Second; time.Sleep(100 * time.Millisecond) {
			var ok bool
			d.script(`return Boolean(document.querySelector("#evidence blockquote"));`, &ok)
			if ok {
				return
			}
		}
		if try == 2 {
			d.t.Fatalf("three clicks on the edge where %s showed no evidence", which)
		}
	}
}

// startChrome starts chromedriver and a headless Chromium session; it skips the test when they
// are not installed, except under CI, where .ci/run installs them.
func startChrome(t *testing.T) *webDriver {
	t.Helper()
	driver, err := exec.LookPath("chromedriver")
	_, errChrome := os.Stat("/usr/bin/chromium")
	if err != nil || errChrome != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("chromium or chromedriver missing under CI (.ci/run installs them): %v %v", err, errChrome)
		}
		t.Skip("Debian's chromium and chromium-driver are not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	cmd := exec.Command(driver, fmt.Sprintf("--port=%d", port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	d := &webDriver{t: t, base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	for start := time.Now(); ; time.Sleep(100 * time.Millisecond) {
		if resp, err := http.Get(d.base + "/status"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Since(start) > 10*time.Second {
			t.Fatal("chromedriver did not start within 10s")
		}
	}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	d.call("POST", "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{"binary": "/usr/bin/chromium", "args": []string{
			"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,860",
			"--user-data-dir=" + t.TempDir()}},
	}}}, &s)
	d.session = s.SessionID
	t.Cleanup(func() { d.call("DELETE", "/session/"+d.session, nil, nil) })
	return d
}

// TestBrowser loads the page against the samples, searches an entity, clicks an edge of its
// graph with the mouse and reads the evidence; the screenshot goes to $DIPLOGRAPH_SCREENSHOT,
// else to the test's temporary directory.
func TestBrowser(t *testing.T) {
	d := startChrome(t)
	base := serve(t, samples, "--timeout", "20s")

	// The sentence the page must show, as the JSON API gives it.
	resp, err := http.Get(base + "api/explain?" + url.Values{"subject": {"Finland"}, "predicate": {"memberOf"}, "object": {"NATO"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	var srcs []struct{ Sentence string }
	json.NewDecoder(resp.Body).Decode(&srcs)
	resp.Body.Close()
	if len(srcs) == 0 || !strings.Contains(srcs[0].Sentence, "31st member of NATO") {
		t.Fatalf("api/explain Finland memberOf NATO = %+v", srcs)
	}

	d.cmd("POST", "/url", map[string]string{"url": base}, nil)
	d.waitFor("the page", `window.cy && document.getElementById("search")`)
	d.cmd("POST", "/element/"+d.element("#search")+"/value", map[string]string{"text": "finland"}, nil)
	d.cmd("POST", "/element/"+d.element("#search-form button")+"/click", map[string]any{}, nil)
	d.waitFor("search results", `document.querySelector("#results li[data-iri]")`)
	d.cmd("POST", "/element/"+d.element("#results li[data-iri]")+"/click", map[string]any{}, nil)
	d.waitFor("the graph", `cy.edges().length > 0 && cy.nodes(".center").length === 1`)
	var label string
	d.script(`return cy.nodes(".center").data("label");`, &label)
	if label != "Finland" {
		t.Fatalf("graph centred on %q, want Finland", label)
	}

	// Click the memberOf edge where it is drawn on the screen.
	d.clickEdge(`x.data("label") === "memberOf" && x.source().data("label") === "Finland"`)
	var shown, title string
	d.script(`return document.getElementById("evidence").innerText;`, &shown)
	d.script(`return document.getElementById("panel-title").innerText;`, &title)
	if !strings.Contains(shown, srcs[0].Sentence) || title != "Finland —memberOf→ North Atlantic Treaty Organization" && !strings.Contains(title, "memberOf") {
		t.Errorf("after clicking the memberOf edge the panel reads %q:\n%s\nwant the sentence %q", title, shown, srcs[0].Sentence)
	}

	// The event-type filter redraws the graph with that type only.
	d.script(`const s = document.getElementById("type"); s.value = "SUPPORT"; s.dispatchEvent(new Event("change")); return null;`, nil)
	d.waitFor("the SUPPORT filter", `cy.edges(".event").length > 0 && cy.edges(".event").every(e => e.data("label") === "SUPPORT")`)
	d.script(`const s = document.getElementById("type"); s.value = ""; s.dispatchEvent(new Event("change")); return null;`, nil)
	d.waitFor("all types again", `cy.edges(".event").some(e => e.data("label") !== "SUPPORT")`)
	// Select the memberOf edge again for the picture.
	d.clickEdge(`x.data("label") === "memberOf" && x.source().data("label") === "Finland"`)
	var png string
	d.cmd("GET", "/screenshot", nil, &png)
	b, err := base64.StdEncoding.DecodeString(png)
	if err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Fatalf("screenshot is no PNG: %v", err)
	}
	file := os.Getenv("DIPLOGRAPH_SCREENSHOT")
	if file == "" {
		file = filepath.Join(t.TempDir(), "page.png")
	}
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s (%d bytes)", file, len(b))
}
