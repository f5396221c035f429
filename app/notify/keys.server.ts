// Keys for the notification secrets, each derived from SESSION_SECRET for one purpose
// (rotating SESSION_SECRET makes pending private links unreadable: those rows then send
// the plain report link, see deliver.server.ts).
import { decryptSecret, deriveKey, encryptSecret, sign, signatureMatches } from '~/utils/crypto.server'
import { getEnv } from '~/utils/env.server'

const key = (purpose: string) => deriveKey(getEnv().SESSION_SECRET, purpose)

/** The reporter's private-link token, sealed for the outbox until the message is delivered. */
export function sealOutboxSecret(token: string): string {
  return encryptSecret(key('outbox-secret'), token)
}

export function openOutboxSecret(sealed: string): string | null {
  return decryptSecret(key('outbox-secret'), sealed)
}

/** "channel.recipient-in-base64url.signature": one click unsubscribes that address. */
export function unsubscribeToken(channel: 'email' | 'phone', recipient: string): string {
  const value = `${channel}.${Buffer.from(recipient).toString('base64url')}`
  return `${value}.${sign(key('unsubscribe'), value)}`
}

export function readUnsubscribeToken(token: string): { channel: 'email' | 'phone'; recipient: string } | null {
  const [channel, encoded, signature] = token.split('.')
  if ((channel !== 'email' && channel !== 'phone') || !encoded || !signature) return null
  if (!signatureMatches(key('unsubscribe'), `${channel}.${encoded}`, signature)) return null
  return { channel, recipient: Buffer.from(encoded, 'base64url').toString('utf8') }
}
