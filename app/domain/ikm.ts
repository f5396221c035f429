// The IKM survey (Indeks Kepuasan Masyarakat, PermenPAN-RB 14/2017): nine unsur in the
// regulation's order, each answered 1–4, once per report, after it is closed. The wording
// lives in the dictionaries (t.citizen.ikm); the columns are ikm_responses.u1..u9.

export const IKM_UNSUR = ['u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7', 'u8', 'u9'] as const
export type IkmUnsur = (typeof IKM_UNSUR)[number]
export const IKM_SCORES = [1, 2, 3, 4] as const

export type IkmAnswers = Record<IkmUnsur, number>

/** Offered to the reporter once the report is closed (its outcome is known) and not answered yet. */
export function canAnswerIkm(report: { status: string }, answered: boolean): boolean {
  return report.status === 'closed' && !answered
}
