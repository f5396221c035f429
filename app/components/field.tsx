// Labelled form controls wired for accessibility: the hint and the error are
// referenced by aria-describedby, and aria-invalid marks the field.
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react'

interface FieldShell {
  id: string
  label: ReactNode
  hint?: ReactNode
  errors?: string[] | undefined
}

function describedBy(id: string, hint: ReactNode, errors?: string[]) {
  return [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

function Shell({ id, label, hint, errors, children }: FieldShell & { children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {children}
      <ErrorList id={`${id}-error`} errors={errors} />
    </div>
  )
}

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | undefined }) {
  if (!errors?.length) return null
  return (
    <p className="field-error" id={id} role="alert">
      {errors.join(' ')}
    </p>
  )
}

export function TextField({ id, label, hint, errors, ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Shell id={id} label={label} hint={hint} errors={errors}>
      <input {...input} id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, hint, errors)} />
    </Shell>
  )
}

export function TextareaField({ id, label, hint, errors, ...textarea }: FieldShell & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Shell id={id} label={label} hint={hint} errors={errors}>
      <textarea {...textarea} id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, hint, errors)} />
    </Shell>
  )
}

export function SelectField({ id, label, hint, errors, children, ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Shell id={id} label={label} hint={hint} errors={errors}>
      <select {...select} id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={describedBy(id, hint, errors)}>
        {children}
      </select>
    </Shell>
  )
}
