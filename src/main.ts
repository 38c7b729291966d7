import { mount } from 'svelte';
import App from './app/App.svelte';
import { applyTheme, savedTheme } from './app/theme.ts';
import './app/app.css';

applyTheme(savedTheme());

const target = document.getElementById('app');
if (!target) throw new Error('index.html lacks #app');
mount(App, { target });

// The service worker (static/sw.js) keeps the app shell and the sample for offline use; only in the built app.
if (import.meta.env.PROD && 'serviceWorker' in navigator) {
  navigator.serviceWorker.register('./sw.js').catch(() => undefined);
}
