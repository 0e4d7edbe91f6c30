package metrics

import (
	"math"
	"testing"
)

// FuzzROCAUC decodes (label, score) pairs from arbitrary bytes and checks ROCAUC against the
// O(n²) Mann–Whitney definition, the area under ROCCurve, and AveragePrecision against its
// definition. Scores are small integers scaled by a power of two, so that ties, signed zeros
// and both signs are frequent.
func FuzzROCAUC(f *testing.F) {
	f.Add([]byte{0, 1, 1, 2})
	f.Add([]byte{0, 0, 1, 0, 0, 0, 1, 0})
	f.Add([]byte{0, 0x80, 1, 0x7f, 0, 3, 1, 3, 0, 0xff, 1, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 2*600 {
			return
		}
		var y []int
		var s []float64
		for i := 0; i+1 < len(data); i += 2 {
			y = append(y, int(data[i]&1))
			v := float64(int8(data[i+1]))
			if data[i]&2 != 0 {
				v = math.Copysign(0, -1) // −0 must tie with +0
			}
			s = append(s, math.Ldexp(v, int(data[i]>>2)%7-3))
		}
		var nPos int
		for _, v := range y {
			nPos += v
		}
		if nPos == 0 || nPos == len(y) {
			return
		}
		auc := ROCAUC(y, s)
		if want := bruteAUC(y, s); math.Abs(auc-want) > 1e-12 {
			t.Fatalf("ROCAUC = %v, want %v (y=%v s=%v)", auc, want, y, s)
		}
		fpr, tpr, _ := ROCCurve(y, s)
		if area := trapezoid(fpr, tpr); math.Abs(area-auc) > 1e-12 {
			t.Fatalf("area under ROCCurve = %v, ROCAUC = %v", area, auc)
		}
		if ap, want := AveragePrecision(y, s), bruteAP(y, s); math.Abs(ap-want) > 1e-12 {
			t.Fatalf("AveragePrecision = %v, want %v", ap, want)
		}
	})
}
