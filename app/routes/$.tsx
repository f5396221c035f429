// Unknown URLs: a thrown 404 inside the layout, so the header and language switch stay.
import { GeneralErrorBoundary } from '~/components/general-error-boundary'

export async function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return null
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}
