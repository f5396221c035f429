// Every form is parsed with its messages in the user's language, including the checks a
// schema does not word itself (a field sent twice, a value of the wrong kind), which zod
// would otherwise answer in English ("Invalid input: expected string, received array").
// Schema-level messages still win; this only fills the gaps. Client-safe.
import { parseWithZod } from '@conform-to/zod/v4'
import type { $ZodType } from 'zod/v4/core'
import type { Dictionary } from '~/i18n'

export function parseForm<Schema extends $ZodType>(payload: FormData | URLSearchParams, schema: Schema, t: Dictionary) {
  return parseWithZod(payload, { schema, error: () => t.validation.invalidValue })
}
