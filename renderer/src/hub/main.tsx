/** The city hub's web pages (issue 16): renderer/hub.html, served by the hub itself (hub/server/static.ts). */
import { createRoot } from 'react-dom/client';
import { HubApp } from './HubApp.tsx';
import './hub.css';

const root = document.getElementById('root');
if (root) createRoot(root).render(<HubApp />);
