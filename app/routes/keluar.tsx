import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { assertSameOrigin, endSession } from '~/utils/auth.server'
import { readRequestForm } from '~/utils/request-form.server'

export async function action({ request, context }: ActionFunctionArgs) {
  assertSameOrigin(request)
  await readRequestForm(request) // refuses odd bodies like every other form post
  return endSession(request, context)
}

export async function loader() {
  return redirect('/')
}
