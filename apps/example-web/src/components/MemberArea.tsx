// A signed-in member: the wallet screen (points, stamp cards, cashback, the member's referral
// code) and the offers, through one member client; and the referral code typed at sign-in.
import { useEffect, useState } from 'react';
import type { AppConfig, Session } from '../backend.js';
import { createExpys } from '../expys.js';
import { Cashback } from './Cashback.js';
import { Offers } from './Offers.js';
import { ApplyReferralCode, MyReferralCode } from './Referral.js';
import { StampCards } from './StampCards.js';
import { Wallet } from './Wallet.js';

export function MemberArea({
  config,
  member,
  onSignedOut,
  referralCode,
}: {
  config: AppConfig;
  member: Session;
  onSignedOut: (member: Session) => void;
  /** The code typed at this member's sign-in, applied once now that the app has a member token. */
  referralCode?: string | undefined;
}) {
  // One client per member (MemberArea is keyed by the member): its token is never shared.
  const [{ queries, setActive }] = useState(() => createExpys(config, member, onSignedOut));
  useEffect(() => {
    setActive(true);
    return () => setActive(false);
  }, [setActive]);
  const screen = (
    <>
      <Wallet queries={queries} />
      <StampCards queries={queries} />
      <Cashback queries={queries} />
      <MyReferralCode queries={queries} />
      <Offers queries={queries} />
    </>
  );
  // A code typed at sign-in goes first: the member's data is read once it is applied (or refused).
  return referralCode ? (
    <ApplyReferralCode queries={queries} code={referralCode}>
      {screen}
    </ApplyReferralCode>
  ) : (
    screen
  );
}
