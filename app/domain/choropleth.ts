// The equity map's colour rule (issue 10 §1/§3): five equal-width classes between the
// lowest and highest value shown, on a colour-blind-safe sequential scale (cividis),
// darker = worse (longer waits, lower on-time shares). The map, its legend and the
// table beside it all take the class from here, so they always agree.

/** cividis in 5 steps, from best (light yellow) to worst (dark blue). */
export const CHOROPLETH_COLOURS = ['#fee838', '#bcaf6f', '#7c7b78', '#414d6b', '#00224e'] as const
export const CHOROPLETH_METRICS = ['median', 'onTime'] as const
export type ChoroplethMetric = (typeof CHOROPLETH_METRICS)[number]
export const CHOROPLETH_LEVELS = ['kelurahan', 'kecamatan'] as const
export type ChoroplethLevel = (typeof CHOROPLETH_LEVELS)[number]

/** Which direction is good for each metric (as in equitySpread). */
export const METRIC_BETTER: Record<ChoroplethMetric, 'lower' | 'higher'> = { median: 'lower', onTime: 'higher' }

export interface ChoroplethScale {
  min: number
  max: number
  better: 'lower' | 'higher'
  /** class bounds, best class first: [from, to] in the metric's own unit */
  legend: { colour: string; from: number; to: number }[]
}

export function choroplethScale(values: readonly (number | null)[], better: 'lower' | 'higher'): ChoroplethScale | null {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v))
  if (present.length === 0) return null
  const min = Math.min(...present)
  const max = Math.max(...present)
  const n = CHOROPLETH_COLOURS.length
  const width = (max - min) / n
  const legend = CHOROPLETH_COLOURS.map((colour, i) =>
    better === 'lower'
      ? { colour, from: min + i * width, to: i === n - 1 ? max : min + (i + 1) * width }
      : { colour, from: max - (i + 1) * width, to: max - i * width },
  )
  if (better === 'higher') legend[n - 1]!.from = min
  return { min, max, better, legend }
}

/** The class (0 = best … 4 = worst) of a value, or null for no data. All values equal → the middle class. */
export function choroplethClass(scale: ChoroplethScale | null, value: number | null): number | null {
  if (scale === null || value === null || !Number.isFinite(value)) return null
  const n = CHOROPLETH_COLOURS.length
  if (scale.max === scale.min) return Math.floor(n / 2)
  const t = (value - scale.min) / (scale.max - scale.min) // 0 … 1
  const worse = scale.better === 'lower' ? t : 1 - t
  // A value on a class bound belongs to the better class (the max itself to the worst).
  return Math.min(n - 1, Math.max(0, Math.ceil(worse * n) - 1))
}

/** The map's choice in the URL (`peta=kecamatan`, `warna=tepat`); anything else is the default. */
export function parseChoroplethParams(params: URLSearchParams): { level: ChoroplethLevel; metric: ChoroplethMetric } {
  return { level: params.get('peta') === 'kecamatan' ? 'kecamatan' : 'kelurahan', metric: params.get('warna') === 'tepat' ? 'onTime' : 'median' }
}

export function choroplethQuery(level: ChoroplethLevel, metric: ChoroplethMetric): string {
  return `peta=${level}&warna=${metric === 'onTime' ? 'tepat' : 'median'}`
}
