// Downscales a phone photo before it is sent (ADR 028): a 12-megapixel JPEG of 4–6 MB
// becomes ≤ 1600 px on its longest side at JPEG quality 0.8 (~300 KB), which is what the
// server keeps anyway. EXIF orientation is applied by the decoder; the server still
// re-encodes and strips EXIF. Anything the browser cannot decode (HEIC) is sent as is.
export const MAX_SIDE = 1600
export const JPEG_QUALITY = 0.8

export async function downscalePhoto(file: File): Promise<File> {
  if (!file.type.startsWith('image/') || typeof createImageBitmap !== 'function') return file
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' })
  } catch {
    return file
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height))
  // Already small and a JPEG: nothing to gain from decoding it again.
  if (scale === 1 && file.type === 'image/jpeg') {
    bitmap.close()
    return file
  }
  const canvas = document.createElement('canvas')
  canvas.width = Math.round(bitmap.width * scale)
  canvas.height = Math.round(bitmap.height * scale)
  canvas.getContext('2d')?.drawImage(bitmap, 0, 0, canvas.width, canvas.height)
  bitmap.close()
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY))
  if (!blob || blob.size >= file.size) return file
  return new File([blob], file.name.replace(/\.[^.]*$/, '') + '.jpg', { type: 'image/jpeg', lastModified: file.lastModified })
}

const pending = new WeakMap<HTMLInputElement, Promise<void>>()

/** Replaces the input's chosen files by their downscaled copies (a DataTransfer sets input.files). */
export function downscaleInput(input: HTMLInputElement): Promise<void> {
  const files = [...(input.files ?? [])]
  const job = Promise.all(files.map(downscalePhoto))
    .then((smaller) => {
      // The user may have chosen again meanwhile: keep the newer choice.
      if (smaller.every((f, i) => f === files[i]) || input.files?.[0] !== files[0]) return
      const transfer = new DataTransfer()
      for (const f of smaller) transfer.items.add(f)
      input.files = transfer.files
    })
    .catch(() => {}) // the originals are sent; the server copes
  pending.set(input, job)
  return job
}

/** Waits for a downscale started on this input (a submit right after choosing). */
export function downscaled(input: HTMLInputElement): Promise<void> {
  return pending.get(input) ?? Promise.resolve()
}
