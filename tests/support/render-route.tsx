// Server-renders one route component as the browser first receives it (no JavaScript),
// with given loader and action data, under a root that provides the locale.
import { createRemixStub } from '@remix-run/testing'
import type { ComponentType } from 'react'
import { renderToString } from 'react-dom/server'
import { Outlet } from '@remix-run/react'

export function renderRoute(options: {
  path: string
  url?: string
  Component: ComponentType
  loaderData: unknown
  actionData?: unknown
  locale?: 'id' | 'en'
}) {
  const id = 'routes/under-test'
  const rootData = { locale: options.locale ?? 'id', timeZone: 'Asia/Jakarta' }
  const Stub = createRemixStub([
    {
      id: 'root',
      path: '/',
      Component: Outlet,
      loader: () => rootData,
      children: [
        {
          id,
          path: options.path,
          Component: options.Component,
          loader: () => options.loaderData as object,
          action: () => (options.actionData ?? null) as object | null,
        },
      ],
    },
  ])
  return renderToString(
    <Stub
      initialEntries={[options.url ?? options.path]}
      hydrationData={{
        loaderData: { root: rootData, [id]: options.loaderData },
        ...(options.actionData === undefined ? {} : { actionData: { [id]: options.actionData } }),
      }}
    />,
  )
}
