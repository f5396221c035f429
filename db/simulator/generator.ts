// The generator: builds one report at a time, in creation order, with its whole history
// up to `now`. Every status change goes through the domain state machine.
import { isFirstResponse, transition, type ActorKind, type EventType, type ReportAction, type ReportStatus } from '../../app/domain/report-status'
import { effectivePrivacy, routeReport } from '../../app/domain/routing'
import { computeDueAt, type ClockKind } from '../../app/domain/sla'
import { generateTrackingCode } from '../../app/domain/tracking-code'
import { sampleArrivals } from './arrivals'
import { writeDescription } from './description'
import { DuplicatePool } from './duplicate-pool'
import { AUTO_CLOSE_MS, DAY, HOUR } from './durations'
import { staffTime, type HandlingPhase } from './handling-times'
import type { LocalDays } from './local-days'
import { CATEGORY_WEIGHTS, COORDINATE_SHARE, DEFAULT_CATEGORY_WEIGHT, PRIVACY_CHOICE, REJECT_REASONS, seasonalFactor, TRANSFER_TARGETS } from './profiles'
import { ikmAnswers, rateReport } from './reporter-feedback'
import { Rng, Weighted } from './rng'
import type { PoolEntry, SimEvent, SimReport } from './simulated-report'
import { AUTO_CLOSE_NOTE, ESCALATION_NOTE, GENERIC_STREETS, INTERNAL_NOTES, PUBLIC_UPDATES, REJECT_NOTES, REOPEN_NOTES, STREETS_BY_SLUG } from './texts'
import type { CategoryInfo, Kelurahan, UnitInfo, World } from './world'

/** Simulated history marks duplicates before work starts, as the officer workflow will. */
const DUPLICATE_FROM: readonly ReportStatus[] = ['submitted', 'verified']

export class Simulator {
  private readonly rng: Rng
  private readonly codeRng: Rng
  private readonly categoryByMonth: Weighted<CategoryInfo>[] = []
  private readonly kelurahanPicker: Weighted<Kelurahan>
  private readonly routeCache = new Map<string, number>()
  private readonly dueCache = new Map<string, number>()
  private readonly duplicates = new DuplicatePool()
  private readonly transferTargets = new Map<string, UnitInfo[]>()
  private readonly fallbackTargets: UnitInfo[]

  constructor(
    private readonly world: World,
    private readonly local: LocalDays,
    seed: number,
    private readonly now: number,
  ) {
    this.rng = new Rng(seed, 1)
    this.codeRng = new Rng(seed, 2)
    const setup = new Rng(seed, 3)
    for (let month = 1; month <= 12; month++) {
      const weights = world.categories.map((c) => (CATEGORY_WEIGHTS[c.code] ?? DEFAULT_CATEGORY_WEIGHT) * seasonalFactor(c.code, month))
      this.categoryByMonth[month] = new Weighted(world.categories, weights)
    }
    // Some kelurahan report much more than others (density, activity of residents).
    this.kelurahanPicker = new Weighted(
      world.kelurahan,
      world.kelurahan.map(() => Math.exp(0.55 * setup.normal())),
    )
    for (const c of world.categories) {
      const targets = (TRANSFER_TARGETS[c.code] ?? []).map((k) => world.unitsByKey.get(k)).filter((u): u is UnitInfo => u !== undefined)
      this.transferTargets.set(c.code, targets)
    }
    this.fallbackTargets = [...world.units.values()].filter(
      (u) => u.kind !== 'kecamatan' && u.kind !== 'kelurahan' && u.kind !== 'inspektorat' && u.kind !== 'triage_desk',
    )
  }

  /** `count` arrival instants in [startMs, now), sorted. */
  sampleArrivals(count: number, startMs: number): Float64Array {
    return sampleArrivals(this.rng, this.local, count, startMs, this.now)
  }

  private trackingCode(): string {
    const bytes = (n: number) => {
      const out = new Uint8Array(n)
      for (let i = 0; i < n; i++) out[i] = Math.floor(this.codeRng.next() * 256)
      return out
    }
    for (;;) {
      const code = generateTrackingCode(this.world.codePrefix, bytes)
      if (!this.world.usedCodes.has(code)) {
        this.world.usedCodes.add(code)
        return code
      }
    }
  }

  private route(category: CategoryInfo, kel: Kelurahan | null): number {
    const key = `${category.id}:${kel?.id ?? 0}`
    let unit = this.routeCache.get(key)
    if (unit === undefined) {
      unit = routeReport({
        category: {
          id: category.id,
          defaultUnitId: category.defaultUnitId,
          privacyRule: category.privacyRule,
          isMisconduct: category.isMisconduct,
        },
        kelurahan: kel ? { id: kel.id, kecamatanId: kel.kecamatanId } : null,
        rules: this.world.rules,
        triageUnitId: this.world.triageUnitId,
        inspectorateUnitId: this.world.inspectorateUnitId,
      }).unitId
      this.routeCache.set(key, unit)
    }
    return unit
  }

  /** computeDueAt, cached per local filing day for working-day clocks. */
  private due(createdAt: number, target: number, clock: ClockKind): number {
    if (clock === 'calendar_hours') return computeDueAt(new Date(createdAt), target, clock, this.world.calendar).getTime()
    const day = this.local.dayAt(createdAt)
    const key = `${day.date}:${target}`
    let due = this.dueCache.get(key)
    if (due === undefined) {
      due = computeDueAt(new Date(createdAt), target, clock, this.world.calendar).getTime()
      this.dueCache.set(key, due)
    }
    return due
  }

  private unit(id: number): UnitInfo {
    const u = this.world.units.get(id)
    if (!u) throw new Error(`Unit ${id} is not a unit of the jurisdiction`)
    return u
  }

  /** When staff of `unit` act on something that reached them at t. */
  private staffTime(t: number, unit: UnitInfo, category: CategoryInfo, phase: HandlingPhase, scale = 1): number {
    return staffTime(this.rng, this.local, t, unit, category, phase, scale)
  }

  /** A whole report with its history up to `now`. */
  report(t0: number): SimReport {
    const rng = this.rng
    const now = this.now
    const day = this.local.dayAt(t0)
    const category = (this.categoryByMonth[day.month] as Weighted<CategoryInfo>).pick(rng)
    const kel = rng.chance(category.noAreaShare) ? null : this.kelurahanPicker.pick(rng)
    let unit = this.unit(this.route(category, kel))
    const privacy = effectivePrivacy(PRIVACY_CHOICE.pick(rng), category.privacyRule)

    const street = kel ? rng.pick(kel.streets) : rng.pick(STREETS_BY_SLUG[this.world.slug] ?? GENERIC_STREETS)
    let lat: number | null = null
    let lng: number | null = null
    if (kel && kel.lat !== null && kel.lng !== null && rng.chance(COORDINATE_SHARE)) {
      lat = Math.round((kel.lat + rng.normal() * 0.004) * 1e6) / 1e6
      lng = Math.round((kel.lng + rng.normal() * 0.004) * 1e6) / 1e6
    }
    // Service complaints (ID cards, misconduct) are not about a place: no street address.
    const address = kel && category.noAreaShare < 0.5 && rng.chance(0.85) ? (rng.chance(0.8) ? `${street} No. ${rng.range(1, 250)}` : street) : null

    const r: SimReport = {
      code: this.trackingCode(),
      categoryId: category.id,
      areaId: kel?.id ?? null,
      lat,
      lng,
      address,
      description: writeDescription(rng, category, kel, street),
      privacy,
      status: 'submitted',
      rejectReason: null,
      unitId: unit.id,
      assignedUserId: null,
      createdAt: t0,
      updatedAt: t0,
      firstResponseAt: null,
      resolvedAt: null,
      closedAt: null,
      responseDueAt: this.due(t0, category.responseTarget, category.responseClock),
      resolutionDueAt: this.due(t0, category.resolutionTarget, category.resolutionClock),
      reopenCount: 0,
      duplicateOf: null,
      supporterCount: privacy === 'public' && rng.chance(0.25) ? Math.min(500, Math.floor(rng.lognormal(2, 1.1))) : 0,
      version: 1,
      events: [],
      rating: null,
      ikm: null,
      poolEntry: null,
    }
    const ev = (
      t: number,
      actor: SimEvent['actor'],
      user: number | null,
      type: EventType,
      body: string | null,
      visibility: 'public' | 'internal' = 'public',
      extra: Partial<SimEvent> = {},
    ) => {
      r.events.push({ t, actor, user, type, from: null, to: null, fromUnit: null, toUnit: null, body, visibility, ...extra })
      r.updatedAt = t
      // The same rule as the app's model (ADR 007): not every staff event is a response.
      if (r.firstResponseAt === null && isFirstResponse({ type, actor })) r.firstResponseAt = t
    }
    /** Applies an action through the domain state machine and records its event. */
    const act = (
      t: number,
      action: ReportAction,
      actor: ActorKind,
      body: string | null,
      visibility: 'public' | 'internal' = 'public',
      extra: Partial<SimEvent> = {},
    ) => {
      const tr = transition(r.status, action, actor)
      const user = actor === 'officer' ? unit.officerId : actor === 'supervisor' ? unit.supervisorId : null
      const kind = actor === 'officer' || actor === 'supervisor' ? 'staff' : actor
      ev(t, kind, user, tr.eventType, body, visibility, { from: tr.from, to: tr.to, ...extra })
      r.status = tr.to
      r.version++
    }
    r.events.push({
      t: t0,
      actor: 'reporter',
      user: null,
      type: 'created',
      from: null,
      to: 'submitted',
      fromUnit: null,
      toUnit: unit.id,
      body: null,
      visibility: 'public',
    })

    // Outcome drawn up front; actions after `now` simply have not happened yet.
    const u = rng.next()
    const rejectShare = unit.kind === 'triage_desk' ? 0.1 : 0.035
    let outcome: 'normal' | 'reject' | 'duplicate' = u < rejectShare ? 'reject' : u < rejectShare + 0.03 ? 'duplicate' : 'normal'
    let original: PoolEntry | null = null
    if (outcome === 'duplicate') {
      original = kel ? this.duplicates.findOriginal(rng, category.id, kel.id, t0) : null
      if (!original) outcome = 'normal'
    }
    // Misconduct reports stay with the Inspektorat: never hand them to another unit.
    const transfer = outcome === 'normal' && !category.isMisconduct && rng.chance(unit.kind === 'triage_desk' ? 0.45 : 0.03)
    const verifyFirst = rng.chance(0.7)
    if (outcome === 'normal' && kel && !category.isMisconduct) {
      r.poolEntry = { code: r.code, id: 0, createdAt: t0 }
      this.duplicates.remember(category.id, kel.id, r.poolEntry)
    }

    let t = this.staffTime(t0, unit, category, 'resp')
    if (t > now) return r

    if (transfer) {
      const target = this.transferTarget(category, unit)
      if (target) {
        act(t, { type: 'transfer' }, 'officer', `Laporan dialihkan ke ${target.shortName} sesuai kewenangan.`, 'public', {
          fromUnit: unit.id,
          toUnit: target.id,
        })
        unit = target
        r.unitId = unit.id
        t = this.staffTime(t, unit, category, 'resp', 0.7)
        if (t > now) return r
      }
    }

    if (outcome === 'reject') {
      const reason = REJECT_REASONS.pick(rng)
      if (reason === 'insufficient_info' && verifyFirst) {
        act(t, { type: 'verify' }, 'officer', null)
        r.assignedUserId = unit.officerId
        t = this.staffTime(t, unit, category, 'start')
        if (t > now) return r
      }
      act(t, { type: 'reject', reason }, 'supervisor', REJECT_NOTES[reason])
      r.rejectReason = reason
      r.assignedUserId = null
      return r
    }

    if (outcome === 'duplicate' && original) {
      // Not a state-machine action (yet): the app cannot mark duplicates until the
      // officer workflow links the original. History written here links it (duplicate_of_id).
      const from = r.status
      if (!DUPLICATE_FROM.includes(from)) throw new Error(`Cannot mark a ${from} report as a duplicate`)
      ev(
        t,
        'staff',
        unit.officerId,
        'duplicate_marked',
        `Laporan serupa sudah ada dengan kode ${original.code}; tindak lanjut dipantau pada laporan tersebut.`,
        'public',
        { from, to: 'duplicate' },
      )
      r.status = 'duplicate'
      r.version++
      r.duplicateOf = original
      return r
    }

    // Normal handling: verify (usually), start, work, resolve.
    r.assignedUserId = unit.officerId
    if (verifyFirst) {
      act(t, { type: 'verify' }, 'officer', null)
      t = this.staffTime(t, unit, category, 'start')
      if (t > now) return r
    }
    act(t, { type: 'start' }, 'officer', null)
    const tStart = t
    // A few reports get stuck (waiting for budget, material, another agency).
    const stuck = rng.chance(0.03) ? rng.lognormal(6, 0.5) : 1
    let tResolve = this.staffTime(tStart, unit, category, 'res', stuck)
    this.workEvents(r, tStart, tResolve, unit, act, ev)
    if (tResolve > now) return r
    act(tResolve, { type: 'resolve' }, 'officer', rng.pick(category.resolutionNotes))
    r.resolvedAt = tResolve

    const late = tResolve > r.resolutionDueAt
    if (rng.chance(late ? 0.11 : 0.07)) {
      const tReopen = tResolve + rng.lognormal(30, 0.8) * HOUR
      if (tReopen < tResolve + AUTO_CLOSE_MS) {
        if (tReopen > now) return r
        act(tReopen, { type: 'reopen' }, 'reporter', rng.pick(REOPEN_NOTES))
        r.reopenCount++
        tResolve = this.staffTime(tReopen, unit, category, 'res', 0.5)
        if (tResolve > now) return r
        act(tResolve, { type: 'resolve' }, 'officer', rng.pick(category.resolutionNotes))
        r.resolvedAt = tResolve
      }
    }

    // Closing: the reporter rates (and thereby closes), or the system closes after 10 days.
    const resolvedAt = r.resolvedAt
    const tRate = resolvedAt + rng.lognormal(18, 1) * HOUR
    if (rng.chance(0.47) && tRate < resolvedAt + AUTO_CLOSE_MS) {
      if (tRate > now) return r
      const rating = rateReport(rng, r)
      r.rating = { ...rating, t: tRate }
      ev(tRate, 'reporter', null, 'rated', rating.comment)
      act(tRate + 1000, { type: 'close' }, 'reporter', null)
      r.closedAt = tRate + 1000
      if (rng.chance(0.2)) r.ikm = ikmAnswers(rng, rating.score, r.resolvedAt > r.resolutionDueAt)
      return r
    }
    const tAuto = resolvedAt + AUTO_CLOSE_MS
    if (tAuto > now) return r
    act(tAuto, { type: 'close' }, 'system', AUTO_CLOSE_NOTE)
    r.closedAt = tAuto
    return r
  }

  /** Progress updates, internal notes and escalation between the start of work and the fix. */
  private workEvents(
    r: SimReport,
    tStart: number,
    tResolve: number,
    unit: UnitInfo,
    act: (t: number, action: ReportAction, actor: ActorKind, body: string | null, visibility?: 'public' | 'internal') => void,
    ev: (t: number, actor: SimEvent['actor'], user: number | null, type: EventType, body: string | null, visibility?: 'public' | 'internal') => void,
  ) {
    const rng = this.rng
    const end = Math.min(tResolve, this.now)
    const span = tResolve - tStart
    const items: { t: number; run: () => void }[] = []
    if (rng.chance(0.35)) {
      const at = tStart + span * (0.2 + 0.6 * rng.next())
      const body = rng.pick(PUBLIC_UPDATES)
      items.push({ t: at, run: () => ev(at, 'staff', unit.officerId, 'public_update', body, 'public') })
    }
    if (rng.chance(0.2)) {
      const at = tStart + span * (0.1 + 0.8 * rng.next())
      const body = rng.pick(INTERNAL_NOTES)
      items.push({ t: at, run: () => ev(at, 'staff', unit.officerId, 'internal_note', body, 'internal') })
    }
    const escalateAt = r.resolutionDueAt + DAY
    if (escalateAt > tStart && escalateAt < tResolve && rng.chance(0.6)) {
      items.push({ t: escalateAt, run: () => act(escalateAt, { type: 'escalate' }, 'system', ESCALATION_NOTE, 'internal') })
    }
    items.sort((a, b) => a.t - b.t)
    for (const item of items) {
      // Strictly between start and resolution, and not in the future.
      if (item.t > tStart + 1000 && item.t < tResolve - 1000 && item.t <= end) item.run()
    }
  }

  private transferTarget(category: CategoryInfo, from: UnitInfo): UnitInfo | null {
    const preferred = (this.transferTargets.get(category.code) ?? []).filter((u) => u.id !== from.id)
    if (preferred.length > 0) return this.rng.pick(preferred)
    const others = this.fallbackTargets.filter((u) => u.id !== from.id)
    return others.length > 0 ? this.rng.pick(others) : null
  }
}
