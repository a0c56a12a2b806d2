package syntax

import (
	"bytes"
	"regexp"
	"strconv"
	"testing"
)

// TestTrainDev trains small models on the start of EWT train and checks that training is
// deterministic, that scoring a development set after each epoch leaves the model unchanged, and
// that the scores are logged.
func TestTrainDev(t *testing.T) {
	train := readAll(t, sharedFile(t, "ud/en_ewt-ud-train.conllu"))[:250]
	dev := readAll(t, sharedFile(t, "ud/en_ewt-ud-dev.conllu"))[:100]
	model := func(dev []Sentence) ([]byte, string) {
		var log bytes.Buffer
		m, err := Train(train, TrainOptions{TaggerEpochs: 2, ParserEpochs: 2, Folds: 2, Seed: 7, Log: &log, Dev: dev})
		if err != nil {
			t.Fatalf("Train() = %v", err)
		}
		b, err := m.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		return b, log.String()
	}
	plain, _ := model(nil)
	again, _ := model(nil)
	withDev, log := model(dev)
	if !bytes.Equal(plain, again) {
		t.Error("two trainings with the same options gave different models")
	}
	if !bytes.Equal(plain, withDev) {
		t.Error("scoring a dev set changed the model")
	}
	re := regexp.MustCompile(`parser epoch (\d): dev UAS (\d+\.\d\d) LAS (\d+\.\d\d)`)
	lines := re.FindAllStringSubmatch(log, -1)
	if len(lines) != 2 {
		t.Fatalf("log has %d dev lines, want 2:\n%s", len(lines), log)
	}
	for i, l := range lines {
		uas, _ := strconv.ParseFloat(l[2], 64)
		las, _ := strconv.ParseFloat(l[3], 64)
		if l[1] != strconv.Itoa(i+1) || uas < las || las <= 0 || uas > 100 {
			t.Errorf("dev line %d: %q", i+1, l[0])
		}
	}
}
