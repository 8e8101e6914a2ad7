import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api';
import { App } from './App';
import { setupI18n } from './i18n';
import './styles.css';

const environment = await api.getEnvironment({});
await setupI18n(environment.ok ? environment.value.locale : navigator.language);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App environment={environment.ok ? environment.value : null} />
  </StrictMode>,
);
