import type { FormEvent } from 'react'
import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ContactKind, ContactRecord } from '../api/dutyApi.ts'
import { contactKinds } from '@liaison/core'
import { addContact, listContacts, updateContact } from '../api/dutyApi.ts'
import type { Me } from '../api/sessionApi.ts'
import { CardForm } from '../components/CardForm.tsx'
import { ErrorAlert } from '../components/ErrorAlert.tsx'
import { LiveStatus } from '../components/LiveStatus.tsx'
import { SelectField } from '../components/SelectField.tsx'
import { TextField } from '../components/TextField.tsx'
import { addDays, brusselsDate } from '../handover/brusselsDates.ts'
import { useSubmit } from '../hooks/useSubmit.ts'
import { SubmitCancelRow } from '../components/SubmitCancelRow.tsx'
import { ShowMore } from '../lists/ShowMore.tsx'
import { usePages } from '../lists/usePages.ts'

const kindOf = (value: string): ContactKind | '' => contactKinds.find((k) => k === value) ?? ''

/** The form for a new record, or for one the user's organisation keeps (`editing`). */
function ContactForm({
  editing = null,
  onAdded,
  onCancel,
}: {
  readonly editing?: ContactRecord | null
  readonly onAdded: (name: string) => void
  readonly onCancel: () => void
}) {
  const { t } = useTranslation()
  const [kind, setKind] = useState<ContactKind>(editing?.kind ?? 'point-of-contact')
  const [name, setName] = useState(editing?.name ?? '')
  const [role, setRole] = useState(editing?.role ?? '')
  const [organisationName, setOrganisationName] = useState(editing?.organisationName ?? '')
  const [region, setRegion] = useState(editing?.region ?? '')
  const [phone, setPhone] = useState(editing?.phones[0]?.number ?? '')
  const [email, setEmail] = useState(editing?.emails[0] ?? '')
  const [available247, setAvailable247] = useState(editing?.available247 ?? false)
  const [revalidateBy, setRevalidateBy] = useState(addDays(brusselsDate(new Date()), 365))
  const [problems, setProblems] = useState<{ name?: string; revalidateBy?: string }>({})
  const { busy, error, setError, run } = useSubmit()
  const checkId = useId()

  const submit = async (event: FormEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault()
    if (busy) return
    const found = {
      ...(name.trim().length < 2 ? { name: t('contacts.problemName') } : {}),
      ...(/^\d{4}-\d{2}-\d{2}$/.test(revalidateBy) ? {} : { revalidateBy: t('contacts.problemDate') }),
    }
    setProblems(found)
    setError(null)
    if (Object.keys(found).length > 0) return
    await run(async () => {
      const firstPhone = phone.trim()
        ? [{ label: editing?.phones[0]?.label ?? t('contacts.phone'), number: phone.trim() }]
        : []
      const firstEmail = email.trim() ? [email.trim()] : []
      const common = {
        kind,
        name: name.trim(),
        ...(role.trim() ? { role: role.trim() } : {}),
        ...(organisationName.trim() ? { organisationName: organisationName.trim() } : {}),
        ...(region.trim() ? { region: region.trim() } : {}),
        available247,
        revalidateBy,
      }
      if (editing)
        await updateContact(editing.id, {
          ...common,
          // the form edits the first phone and e-mail address; the others are kept as they are
          phones: [...firstPhone, ...editing.phones.slice(1)],
          emails: [...firstEmail, ...editing.emails.slice(1)],
          address: editing.address,
          location: editing.location,
        })
      else
        await addContact({
          ...common,
          ...(firstPhone.length > 0 ? { phones: firstPhone } : {}),
          ...(firstEmail.length > 0 ? { emails: firstEmail } : {}),
        })
      onAdded(name.trim())
    })
  }

  return (
    <CardForm
      title={editing ? t('contacts.editTitle', { name: editing.name }) : t('contacts.addTitle')}
      testId={editing ? 'contact-edit-form' : 'contact-form'}
      onSubmit={submit}
      error={error}
    >
      <SelectField
        label={t('contacts.kind')}
        value={kind}
        options={contactKinds.map((k) => ({ value: k, label: t(`contactKinds.${k}`) }))}
        onChange={(value) => setKind(kindOf(value) || 'point-of-contact')}
      />
      <TextField
        label={t('contacts.name')}
        value={name}
        onChange={setName}
        required
        maxLength={200}
        error={problems.name ?? null}
      />
      <TextField label={t('contacts.role')} value={role} onChange={setRole} maxLength={200} />
      <TextField
        label={t('contacts.organisation')}
        value={organisationName}
        onChange={setOrganisationName}
        maxLength={200}
      />
      <TextField label={t('contacts.region')} value={region} onChange={setRegion} maxLength={100} />
      <TextField
        label={t('contacts.phone')}
        value={phone}
        onChange={setPhone}
        maxLength={30}
        autoComplete="off"
        inputMode="tel"
      />
      <TextField
        label={t('contacts.email')}
        value={email}
        onChange={setEmail}
        maxLength={200}
        autoComplete="off"
        inputMode="email"
      />
      <div className="checkbox">
        <input
          id={checkId}
          type="checkbox"
          checked={available247}
          onChange={(e) => setAvailable247(e.target.checked)}
        />
        <label htmlFor={checkId}>{t('contacts.available247')}</label>
      </div>
      <TextField
        label={t('contacts.revalidateBy')}
        hint={editing ? t('contacts.revalidateByEditHint') : t('contacts.revalidateByHint')}
        value={revalidateBy}
        onChange={setRevalidateBy}
        maxLength={10}
        error={problems.revalidateBy ?? null}
      />
      <SubmitCancelRow
        label={editing ? t('contacts.save') : t('contacts.add')}
        busy={busy}
        onCancel={onCancel}
      />
    </CardForm>
  )
}

function ContactRow({
  contact,
  onEdit,
}: {
  readonly contact: ContactRecord
  /** Given when the record is the user's organisation's and the user may edit it. */
  readonly onEdit?: (() => void) | null
}) {
  const { t } = useTranslation()
  return (
    <tr className={contact.stale ? 'row-stale' : undefined}>
      <th scope="row">
        {contact.name}
        {contact.available247 && (
          <>
            {' '}
            <span className="tag">{t('contacts.is247')}</span>
          </>
        )}
      </th>
      <td>{t(`contactKinds.${contact.kind}`)}</td>
      <td>{contact.role || '—'}</td>
      <td>{contact.organisationName || '—'}</td>
      <td>{contact.region || '—'}</td>
      <td>
        {contact.phones.length === 0 && contact.emails.length === 0 && '—'}
        {contact.phones.map((p) => (
          <span key={`${p.label}${p.number}`} className="contact-line">
            {p.label}: <a href={`tel:${p.number.replace(/[^+\d]/g, '')}`}>{p.number}</a>
          </span>
        ))}
        {contact.emails.map((e) => (
          <span key={e} className="contact-line">
            <a href={`mailto:${e}`}>{e}</a>
          </span>
        ))}
      </td>
      <td>
        {contact.revalidateBy}
        {contact.stale && (
          <>
            {' '}
            <span className="tag tag-warning" data-testid="contact-stale">
              {t('contacts.stale')}
            </span>
          </>
        )}
      </td>
      {onEdit !== undefined && (
        <td>
          {onEdit && (
            <button type="button" className="button button-small" onClick={onEdit}>
              {t('contacts.edit')}
              <span className="visually-hidden">: {contact.name}</span>
            </button>
          )}
        </td>
      )}
    </tr>
  )
}

/** The contact directory: search by name, role, organisation or region; stale records flagged. */
export function ContactsPage({ me }: { readonly me: Me }) {
  const { t } = useTranslation()
  const listId = useId()
  const [search, setSearch] = useState('')
  const [kindChoice, setKindChoice] = useState<ContactKind | ''>('')
  const [filter, setFilter] = useState<{ q: string; kind: ContactKind | '' }>({ q: '', kind: '' })
  const contacts = usePages(
    (after) => listContacts(filter, after),
    (c) => c.id,
    `${filter.q}|${filter.kind}`,
  )
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState<ContactRecord | null>(null)
  const [status, setStatus] = useState<string | null>(null)
  const mayAdd = me.permissions.includes('cases.manage')

  const shownCount = contacts.data?.items.length
  useEffect(() => {
    if (shownCount !== undefined && (filter.q || filter.kind))
      setStatus(t('contacts.found', { count: shownCount }))
  }, [shownCount, filter, t])

  const apply = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault()
    setFilter({ q: search, kind: kindChoice })
  }

  const items = contacts.data?.items ?? []
  const stale = items.filter((c) => c.stale).length

  return (
    <>
      <h1>{t('contacts.title')}</h1>
      <p className="lead">{t('contacts.intro')}</p>
      <form className="log-filter" role="search" aria-label={t('contacts.searchLabel')} onSubmit={apply}>
        <TextField
          label={t('contacts.search')}
          hint={t('contacts.searchHint')}
          type="search"
          value={search}
          onChange={setSearch}
          maxLength={200}
        />
        <SelectField
          label={t('contacts.kind')}
          value={kindChoice}
          options={[
            { value: '', label: t('contacts.allKinds') },
            ...contactKinds.map((k) => ({ value: k, label: t(`contactKinds.${k}`) })),
          ]}
          onChange={(value) => setKindChoice(kindOf(value))}
        />
        <div className="button-row">
          <button type="submit" className="button">
            {t('contacts.searchButton')}
          </button>
        </div>
      </form>
      <LiveStatus message={status} quiet />

      {mayAdd && !adding && !editing && (
        <button type="button" className="button button-primary" onClick={() => setAdding(true)}>
          {t('contacts.addButton')}
        </button>
      )}
      {adding && (
        <ContactForm
          onCancel={() => setAdding(false)}
          onAdded={(name) => {
            setAdding(false)
            setStatus(t('contacts.added', { name }))
            contacts.refresh()
          }}
        />
      )}
      {editing && (
        <ContactForm
          key={editing.id}
          editing={editing}
          onCancel={() => setEditing(null)}
          onAdded={(name) => {
            setEditing(null)
            setStatus(t('contacts.saved', { name }))
            contacts.refresh()
          }}
        />
      )}

      <section aria-labelledby={listId}>
        <h2 id={listId}>{t('contacts.listTitle')}</h2>
        {contacts.error !== null && <ErrorAlert error={contacts.error} />}
        {contacts.data === null && contacts.error === null && <p role="status">{t('app.loading')}</p>}
        {contacts.data && items.length === 0 && <p className="muted">{t('contacts.empty')}</p>}
        {stale > 0 && <p className="notice">{t('contacts.staleCount', { count: stale })}</p>}
        {items.length > 0 && (
          <div className="table-scroll">
            <table className="table table-dense" data-testid="contacts-table">
              <caption className="visually-hidden">{t('contacts.listTitle')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('contacts.name')}</th>
                  <th scope="col">{t('contacts.kind')}</th>
                  <th scope="col">{t('contacts.role')}</th>
                  <th scope="col">{t('contacts.organisation')}</th>
                  <th scope="col">{t('contacts.region')}</th>
                  <th scope="col">{t('contacts.reach')}</th>
                  <th scope="col">{t('contacts.revalidateBy')}</th>
                  {mayAdd && <th scope="col">{t('contacts.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <ContactRow
                    key={c.id}
                    contact={c}
                    {...(mayAdd
                      ? {
                          onEdit:
                            c.ownerOrgId === me.organisation.id
                              ? () => {
                                  setAdding(false)
                                  setEditing(c)
                                }
                              : null,
                        }
                      : {})}
                  />
                ))}
              </tbody>
            </table>
          </div>
        )}
        <ShowMore
          next={contacts.data?.next ?? null}
          loading={contacts.loading}
          onMore={contacts.more}
          list={t('contacts.listTitle')}
          testId="contacts"
        />
      </section>
    </>
  )
}
