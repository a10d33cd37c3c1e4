import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { openDatabase, readSettings } from './database.js';
import './styles.css';

const settings = readSettings(location.search, import.meta.env);
const db = openDatabase(settings);

// StrictMode mounts every component twice in development: the hooks still open one server target per query.
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App db={db} list={settings.list} />
  </StrictMode>,
);
