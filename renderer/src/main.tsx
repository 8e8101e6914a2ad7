import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { languageFor, languageForList } from '../../shared/i18n/index';
import { api } from './api';
import { App } from './App';
import { setupI18n } from './i18n';
import './styles.css';

const environment = await api.getEnvironment({});
// The desktop app speaks the OS's language; in browser mode the server's locale says nothing about the
// person at the browser, so the browser's own preferences decide.
await setupI18n(
  window.caBridge && environment.ok ? languageFor(environment.value.locale) : languageForList(navigator.languages ?? [navigator.language]),
);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App environment={environment.ok ? environment.value : null} />
  </StrictMode>,
);
