// The filter part of /laporan's query string, for links (pager, CSV, map). Client-safe
// and tiny: the list page's bundle must not pull in zod for it.

/** The fields that filter (not the page or the view), in the order the form shows them. */
export const PUBLIC_FILTER_FIELDS = ['kategori', 'wilayah', 'status', 'periode', 'terlambat', 'urut'] as const

/** The query string of the current filters (no page): for the CSV and map links and the pager. */
export function filterSearch(params: URLSearchParams, extra: Record<string, string> = {}) {
  const out = new URLSearchParams()
  for (const name of PUBLIC_FILTER_FIELDS) {
    const value = params.get(name)
    if (value) out.set(name, value)
  }
  for (const [k, v] of Object.entries(extra)) out.set(k, v)
  const s = out.toString()
  return s ? `?${s}` : ''
}
