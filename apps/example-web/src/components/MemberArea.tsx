// A signed-in member: the wallet and the offers, through one member client.
import { useState } from 'react';
import type { AppConfig } from '../backend.js';
import { createExpys } from '../expys.js';
import { Offers } from './Offers.js';
import { Wallet } from './Wallet.js';

export function MemberArea({ config, onSignedOut }: { config: AppConfig; onSignedOut: () => void }) {
  // One client per member (MemberArea is keyed by the member): its token is never shared.
  const [{ queries }] = useState(() => createExpys(config, onSignedOut));
  return (
    <>
      <Wallet queries={queries} />
      <Offers queries={queries} />
    </>
  );
}
