import { describe, it, expect } from 'vitest';
import {
  IKM_UNSUR,
  IKM_UNSUR_COUNT,
  computeIkm,
  ikmGrade,
  mean,
  median,
  onTimeShare,
  p90,
  percentileCont,
} from './metrics';

describe('percentileCont (PostgreSQL semantics)', () => {
  it('interpolates between neighbours', () => {
    // pos = 0.9 * 3 = 2.7 -> 3 + 0.7 * (4 - 3) = 3.7
    expect(percentileCont([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    // pos = 0.5 * 3 = 1.5 -> 2.5
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    // 1..10, p = 0.9: pos = 8.1 -> 9 + 0.1 = 9.1
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 12);
  });

  it('sorts a copy and leaves the input alone', () => {
    const input = [4, 1, 3, 2];
    expect(percentileCont(input, 0.9)).toBeCloseTo(3.7, 12);
    expect(input).toEqual([4, 1, 3, 2]);
    // Numeric, not lexicographic, sort: [10, 9, 100] -> [9, 10, 100], median 10.
    expect(median([10, 9, 100])).toBe(10);
  });

  it('endpoints and single values', () => {
    expect(percentileCont([7, 3, 5], 0)).toBe(3);
    expect(percentileCont([7, 3, 5], 1)).toBe(7);
    expect(median([5])).toBe(5);
    expect(p90([5])).toBe(5);
    expect(p90([10, 20])).toBe(19); // 10 + 10 * 0.9
  });

  it('null for empty input, RangeError for p outside [0, 1]', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(median([])).toBeNull();
    expect(p90([])).toBeNull();
    for (const p of [-0.01, 1.01, Number.NaN]) {
      expect(() => percentileCont([1, 2], p)).toThrow(RangeError);
      expect(() => percentileCont([], p)).toThrow(RangeError);
    }
  });
});

describe('mean', () => {
  it('averages or returns null', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(mean([-3, 3])).toBe(0);
    expect(mean([])).toBeNull();
  });
});

describe('onTimeShare', () => {
  const due = new Date('2025-10-13T09:00:00Z');
  const now = new Date('2025-10-20T00:00:00Z');
  const later = new Date('2025-10-25T00:00:00Z');
  const at = (iso: string) => new Date(iso);

  it('counts done items and overdue open items; skips open items not yet due', () => {
    const items = [
      { doneAt: at('2025-10-13T08:00:00Z'), dueAt: due }, // on time
      { doneAt: due, dueAt: due }, // exactly at due: on time
      { doneAt: at('2025-10-13T09:00:01Z'), dueAt: due }, // late
      { doneAt: null, dueAt: due }, // open, past due: late
      { doneAt: null, dueAt: later }, // open, not due yet: excluded
      { doneAt: null, dueAt: now }, // open, due exactly now: not yet past, excluded
    ];
    expect(onTimeShare(items, now)).toBe(2 / 4);
  });

  it('a done item is judged by doneAt, not by now', () => {
    expect(onTimeShare([{ doneAt: at('2025-10-24T00:00:00Z'), dueAt: later }], now)).toBe(1);
  });

  it('null when nothing counts', () => {
    expect(onTimeShare([], now)).toBeNull();
    expect(onTimeShare([{ doneAt: null, dueAt: later }], now)).toBeNull();
  });
});

describe('IKM unsur', () => {
  it('has the 9 unsur of PermenPAN-RB 14/2017 in order', () => {
    expect(IKM_UNSUR_COUNT).toBe(9);
    expect(IKM_UNSUR.map((u) => u.key)).toEqual([
      'persyaratan',
      'sistem_mekanisme_prosedur',
      'waktu_penyelesaian',
      'biaya_tarif',
      'produk_spesifikasi',
      'kompetensi_pelaksana',
      'perilaku_pelaksana',
      'penanganan_pengaduan',
      'sarana_prasarana',
    ]);
    for (const u of IKM_UNSUR) {
      expect(u.id.length).toBeGreaterThan(0);
      expect(u.en.length).toBeGreaterThan(0);
    }
  });
});

const fill = (v: number) => new Array<number>(9).fill(v);

describe('computeIkm', () => {
  it('null for no responses', () => {
    expect(computeIkm([])).toBeNull();
  });

  it('all 4s -> 100, A, Sangat Baik', () => {
    const r = computeIkm([fill(4), fill(4)]);
    expect(r).toEqual({
      respondents: 2,
      nrr: fill(4),
      ikm: 100,
      grade: 'A',
      performance: { id: 'Sangat Baik', en: 'Very good' },
    });
  });

  it('all 3s -> 75.00 -> C; all 1s -> 25 -> D', () => {
    const r3 = computeIkm([fill(3)]);
    expect(r3?.ikm).toBe(75);
    expect(r3?.grade).toBe('C');
    expect(r3?.performance).toEqual({ id: 'Kurang Baik', en: 'Poor' });
    const r1 = computeIkm([fill(1)]);
    expect(r1?.ikm).toBe(25);
    expect(r1?.grade).toBe('D');
    expect(r1?.performance).toEqual({ id: 'Tidak Baik', en: 'Very poor' });
  });

  it('mixed 3-respondent case computed by hand', () => {
    // R1 [4,4,3,3,4,3,4,3,4] = 32; R2 [3,3,3,2,3,3,3,3,3] = 26; R3 [4,3,2,4,4,3,3,2,3] = 28.
    // Total 86. NRR per unsur: 11/3, 10/3, 8/3, 9/3, 11/3, 9/3, 10/3, 8/3, 10/3.
    // IKM = 86 * 25 / (9 * 3) = 2150 / 27 = 79.6296... -> 79.63 -> B (Baik).
    const r = computeIkm([
      [4, 4, 3, 3, 4, 3, 4, 3, 4],
      [3, 3, 3, 2, 3, 3, 3, 3, 3],
      [4, 3, 2, 4, 4, 3, 3, 2, 3],
    ]);
    expect(r?.respondents).toBe(3);
    expect(r?.nrr).toEqual([11 / 3, 10 / 3, 8 / 3, 3, 11 / 3, 3, 10 / 3, 8 / 3, 10 / 3]);
    expect(r?.ikm).toBe(79.63);
    expect(r?.grade).toBe('B');
    expect(r?.performance).toEqual({ id: 'Baik', en: 'Good' });
  });

  it('rounds an exact half up (where naive float rounding would go down)', () => {
    // 1000 respondents: all 3s (27000) plus 9 respondents with one 4 -> total 27009.
    // IKM = 27009 * 25 / 9000 = 75.025 exactly -> 75.03. In floats 75.025*100 = 7502.4999...
    const responses = Array.from({ length: 1000 }, (_, i) => (i < 9 ? [4, 3, 3, 3, 3, 3, 3, 3, 3] : fill(3)));
    expect(computeIkm(responses)?.ikm).toBe(75.03);
    // 536 all-4s + 1 all-2s + 463 all-1s: total 19296 + 18 + 4167 = 23481.
    // IKM = 23481 * 25 / 9000 = 65.225 exactly -> 65.23; (23481*25/9000)*100 in floats rounds to 6522.
    const many = [
      ...Array.from({ length: 536 }, () => fill(4)),
      fill(2),
      ...Array.from({ length: 463 }, () => fill(1)),
    ];
    expect(computeIkm(many)?.ikm).toBe(65.23);
    // 8 respondents: seven sum 28, one sums 29 -> 225; 225 * 25 / 72 = 78.125 -> 78.13.
    const eight = [...Array.from({ length: 7 }, () => [3, 3, 3, 3, 3, 3, 3, 3, 4]), [3, 3, 3, 3, 3, 3, 3, 4, 4]];
    expect(computeIkm(eight)?.ikm).toBe(78.13);
  });

  it('rounds non-half values to the nearest hundredth', () => {
    // 1 respondent, total 28: 28 * 25 / 9 = 77.777... -> 77.78; total 29 -> 80.555... -> 80.56;
    // total 31: 86.111... -> 86.11.
    expect(computeIkm([[3, 3, 3, 3, 3, 3, 3, 3, 4]])?.ikm).toBe(77.78);
    expect(computeIkm([[3, 3, 3, 3, 3, 3, 3, 4, 4]])?.ikm).toBe(80.56);
    expect(computeIkm([[3, 3, 3, 3, 3, 4, 4, 4, 4]])?.ikm).toBe(86.11);
  });

  it('rejects malformed responses', () => {
    expect(() => computeIkm([[4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError); // 8 answers
    expect(() => computeIkm([[...fill(4), 4]])).toThrow(RangeError); // 10 answers
    expect(() => computeIkm([[5, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
    expect(() => computeIkm([[0, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
    expect(() => computeIkm([[2.5, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
    expect(() => computeIkm([fill(4), [Number.NaN, 4, 4, 4, 4, 4, 4, 4, 4]])).toThrow(RangeError);
  });
});

describe('ikmGrade boundaries', () => {
  it.each([
    [100, 'A'],
    [88.31, 'A'],
    [88.3, 'B'],
    [76.61, 'B'],
    [76.6, 'C'],
    [65, 'C'],
    [64.99, 'D'],
    [25, 'D'],
  ] as const)('%s -> %s', (ikm, grade) => {
    expect(ikmGrade(ikm)).toBe(grade);
  });

  it('rejects values outside [25, 100]', () => {
    expect(() => ikmGrade(24.99)).toThrow(RangeError);
    expect(() => ikmGrade(100.01)).toThrow(RangeError);
    expect(() => ikmGrade(Number.NaN)).toThrow(RangeError);
  });
});
