// A signed-in member: the wallet and the offers, through one member client.
import { useState } from 'react';
import type { AppConfig, Session } from '../backend.js';
import { createExpys } from '../expys.js';
import { Offers } from './Offers.js';
import { Wallet } from './Wallet.js';

export function MemberArea({ config, member, onSignedOut }: { config: AppConfig; member: Session; onSignedOut: () => void }) {
  // One client per member (MemberArea is keyed by the member): its token is never shared.
  const [{ queries }] = useState(() => createExpys(config, member, onSignedOut));
  return (
    <>
      <Wallet queries={queries} />
      <Offers queries={queries} />
    </>
  );
}
