import { useTranslation } from 'react-i18next';
import type { ProxyNote } from '../../../shared/proxy-notes';

/**
 * The data a note is about (the names searched, a skipped file's address), shown apart from the sentence,
 * as data. A WPAD file that was used is already the proxy source's own detail.
 */
function noteData(note: ProxyNote): { label: 'tried' | 'file' | 'sites'; value: string } | null {
  if (note.code === 'wpad-not-found') return { label: 'tried', value: note.tried.join(', ') };
  if (note.code === 'pac-failed') return { label: 'sites', value: note.sites.join(', ') };
  if (note.code === 'wpad-file-failed' || note.code === 'pac-unusable') return { label: 'file', value: note.url };
  return null;
}

/** The proxy source's notes in the interface's language, naming the page's own controls. */
export function ProxySourceNotes({ notes }: { notes: ProxyNote[] }) {
  const { t } = useTranslation();
  return (
    <ul className="proxy-notes" data-testid="proxy-notes">
      {notes.map((note, i) => {
        const key = note.code === 'wpad-not-found' && note.timedOut ? 'wpad-not-found-timeout' : note.code;
        const setting = 'setting' in note ? t(`proxyFrom.${note.setting}`) : '';
        const problem = 'problem' in note ? t(`wpadProblem.${note.problem}`) : '';
        const data = noteData(note);
        return (
          <li key={i} data-code={note.code}>
            {t(`proxyNote.${key}`, { setting, problem })}
            {data && (
              <>
                {' '}
                {t(`proxyNote.${data.label}`)} <code translate="no">{data.value}</code>
              </>
            )}
          </li>
        );
      })}
    </ul>
  );
}
