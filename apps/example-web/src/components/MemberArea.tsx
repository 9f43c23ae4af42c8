// A signed-in member: the wallet and the offers, through one member client.
import { useEffect, useState } from 'react';
import type { AppConfig, Session } from '../backend.js';
import { createExpys } from '../expys.js';
import { Offers } from './Offers.js';
import { Wallet } from './Wallet.js';

export function MemberArea({ config, member, onSignedOut }: { config: AppConfig; member: Session; onSignedOut: (member: Session) => void }) {
  // One client per member (MemberArea is keyed by the member): its token is never shared.
  const [{ queries, setActive }] = useState(() => createExpys(config, member, onSignedOut));
  useEffect(() => {
    setActive(true);
    return () => setActive(false);
  }, [setActive]);
  return (
    <>
      <Wallet queries={queries} />
      <Offers queries={queries} />
    </>
  );
}
