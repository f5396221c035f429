// recharts renders nothing on the server, so the chart appears after hydration;
// the data table beside it carries the same numbers for everyone (and without JS).
import { useEffect, useState } from 'react'
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

export interface WeeklyPoint {
  week: string
  received: number
  resolved: number
}

export function WeeklyChart({ data, labels }: { data: WeeklyPoint[]; labels: { received: string; resolved: string; title: string } }) {
  const [mounted, setMounted] = useState(false)
  useEffect(() => setMounted(true), [])
  return (
    <div className="chart" role="img" aria-label={labels.title}>
      {mounted ? (
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="week" tick={{ fontSize: 11 }} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip />
            <Legend />
            <Bar dataKey="received" name={labels.received} fill="#0b5394" />
            <Bar dataKey="resolved" name={labels.resolved} fill="#1e6b2f" />
          </BarChart>
        </ResponsiveContainer>
      ) : null}
    </div>
  )
}
