// Sends a form's photos ahead of it with XMLHttpRequest, whose upload progress events
// drive a real <progress> bar (fetch has none over HTTP/1.1). They land in this browser's
// photo stash (/foto/unggah); the form then posts only their keys (ADR 028).
export interface UploadedPhoto {
  storageKey: string
  width: number
  height: number
}
export type UploadOutcome = { ok: true; photos: UploadedPhoto[] } | { ok: false; network: boolean; message: string | null }

export function uploadPhotos(files: File[], keep: string[], keepField: string, onProgress: (percent: number) => void): Promise<UploadOutcome> {
  const body = new FormData()
  for (const key of keep) body.append(keepField, key)
  for (const file of files) body.append('photos', file)
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', '/foto/unggah')
    xhr.responseType = 'json'
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(Math.min(100, Math.round((e.loaded / e.total) * 100)))
    }
    xhr.onload = () => {
      const answer = xhr.response as { photos?: UploadedPhoto[]; error?: string } | null
      if (xhr.status === 200 && answer?.photos) resolve({ ok: true, photos: answer.photos })
      else resolve({ ok: false, network: false, message: answer?.error ?? null })
    }
    xhr.onerror = () => resolve({ ok: false, network: true, message: null })
    xhr.ontimeout = xhr.onerror
    xhr.send(body)
  })
}
