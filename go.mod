module github.com/diplograph/diplograph

go 1.26.8

require (
	codeberg.org/readeck/go-readability/v2 v2.1.3 // main text of HTML articles, boilerplate stripped
	github.com/boltdb/bolt v1.3.1 // opened directly, with a lock timeout, for cayley's bolt backend
	github.com/cayleygraph/cayley v0.7.7-0.20240706181042-81dcd7d73e45 // the graph store (bolt, leveldb, memstore, sql/postgres) and its HTTP API
	github.com/cayleygraph/quad v1.3.0 // quads and N-Quads
	github.com/google/go-cmp v0.7.0 // test diffs
	github.com/hidal-go/hidalgo v0.3.0 // cayley's key-value layer, for one-transaction article replacement
	github.com/itlightning/dateparse v0.2.1 // publication dates in any common form
	github.com/klauspost/compress v1.20.4 // zstd for the embedded syntax model (fast to decompress at load)
	github.com/lib/pq v1.10.9 // PostgreSQL driver cayley's sql backend uses
	github.com/piprate/json-gold v0.5.0 // tests: an independent JSON-LD processor reads the export back
	github.com/schollz/progressbar/v3 v3.19.1 // ingest progress on a terminal
	github.com/spf13/pflag v1.1.0 // command-line flags
	github.com/syndtr/goleveldb v1.0.0 // the leveldb backend
	golang.org/x/net v0.41.0 // HTML parsing and charset detection
	golang.org/x/term v0.48.0 // is stderr a terminal
	golang.org/x/text v0.26.0 // diacritics folded out of names for entity keys
)

require (
	github.com/andybalholm/cascadia v1.3.3 // indirect
	github.com/beorn7/perks v1.0.1 // indirect
	github.com/cespare/xxhash/v2 v2.3.0 // indirect
	github.com/dlclark/regexp2 v1.10.0 // indirect
	github.com/dop251/goja v0.0.0-20240627195025-eb1f15ee67d2 // indirect
	github.com/go-shiori/dom v0.0.0-20230515143342-73569d674e1c // indirect
	github.com/go-sourcemap/sourcemap v2.1.3+incompatible // indirect
	github.com/gogs/chardet v0.0.0-20211120154057-b7413eaefb8f // indirect
	github.com/golang/snappy v0.0.4 // indirect
	github.com/google/pprof v0.0.0-20230705174524-200ffdc848b8 // indirect
	github.com/julienschmidt/httprouter v1.3.0 // indirect
	github.com/mitchellh/colorstring v0.0.0-20190213212951-d06e56a500db // indirect
	github.com/pquerna/cachecontrol v0.2.0 // indirect
	github.com/prometheus/client_golang v1.19.1 // indirect
	github.com/prometheus/client_model v0.5.0 // indirect
	github.com/prometheus/common v0.48.0 // indirect
	github.com/prometheus/procfs v0.12.0 // indirect
	github.com/rivo/uniseg v0.4.7 // indirect
	github.com/tylertreat/BoomFilters v0.0.0-20210315201527-1a82519a3e43 // indirect
	golang.org/x/sys v0.50.0 // indirect
	google.golang.org/protobuf v1.34.2 // indirect
)
