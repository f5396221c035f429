import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { assertSameOrigin, endSession } from '~/utils/auth.server'

export async function action({ request }: ActionFunctionArgs) {
  assertSameOrigin(request)
  return endSession(request)
}

export async function loader() {
  return redirect('/')
}
