//! Console page of the mock Cosmic console (index.html?formId=pc_main_console): at boot it asks
//! for getUserLanguage.do with a cache-busting `_=` parameter, as the real console does, then
//! draws the header, the application menu and the in-app tabs the forms open in.
import React from 'react';
import { createRoot } from 'react-dom/client';
import '@kdcloudjs/kdesign/dist/kdesign.css';
import './demo.css';
import Shell from './console/Shell.jsx';

createRoot(document.getElementById('root')).render(<Shell />);
