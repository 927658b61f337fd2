//! What every form may use from the console frame: the signed-in user (accountId as text) and
//! opening or closing in-app tabs.
import { createContext } from 'react';

export const ConsoleContext = createContext({
  user: { accountId: '', userName: '' },
  openTab: () => undefined,
  closeTab: () => undefined,
});
