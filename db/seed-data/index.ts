// Seed reference data for Melayani. Plain data and pure functions; no imports from app/.
export * from './jurisdictions';
export * from './areas';
export * from './units';
export * from './categories';
export * from './holidays';
export * from './demo-staff';
export { WILAYAH_ROWS, wilayahRow, wilayahRowsUnder } from './wilayah';
export type { WilayahLevel, WilayahRow } from './wilayah';
