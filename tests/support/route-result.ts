// What a Remix loader or action returned through `data(…)`, in one shape for
// assertions: status, body and headers (a plain return counts as 200).
export function unwrap(result: unknown) {
  const r = result as { data?: any; init?: { status?: number; headers?: HeadersInit } | null }
  const isData = r !== null && typeof r === 'object' && 'init' in r && 'data' in r
  return isData
    ? { status: r.init?.status ?? 200, data: r.data, headers: new Headers(r.init?.headers) }
    : { status: 200, data: result as any, headers: new Headers() }
}
