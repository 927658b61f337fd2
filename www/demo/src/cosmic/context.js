//! What the Cosmic console shell gives its pages: open a page in a tab, close one.
import { createContext } from 'react';

export const CosmicContext = createContext({ openPage: () => undefined, closePage: () => undefined });
