import { useQuery } from '@tanstack/react-query';
import { api } from '../api.js';
import { ApiKeys } from '../components/ApiKeys.js';
import { CopyButton } from '../components/CopyButton.js';
import { CreateApiKey } from '../components/CreateApiKey.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { RotateSecret } from '../components/RotateSecret.js';
import { formatTime } from '../format.js';
import type { Application } from '../types.js';

export const APPLICATIONS = ['dashboard', 'applications'] as const;

/** The org's applications: each with its App ID, its App Secret's rotation and its API keys. */
export function Applications() {
  const applications = useQuery({ queryKey: APPLICATIONS, queryFn: api.applications });
  return (
    <section aria-labelledby="applications-title">
      <h2 id="applications-title">Applications</h2>
      <ErrorMessage error={applications.error} />
      {applications.data?.data.length === 0 && <p>This sandbox has no application.</p>}
      {applications.data?.data.map((app) => <ApplicationCard key={app.appId} app={app} />)}
    </section>
  );
}

function ApplicationCard({ app }: { app: Application }) {
  return (
    <article className="card" aria-label={`Application ${app.name}`}>
      <h3>{app.name}</h3>
      <dl>
        <dt>App ID</dt>
        <dd>
          <code data-testid="app-id">{app.appId}</code> <CopyButton value={app.appId} label="Copy App ID" />
        </dd>
        <dt>Created</dt>
        <dd>{formatTime(app.createdAt)}</dd>
        <dt>App Secret rotated</dt>
        <dd>
          {formatTime(app.secretRotatedAt)}
          {app.previousSecretExpiresAt && <> (the previous secret works until {formatTime(app.previousSecretExpiresAt)})</>}
        </dd>
      </dl>
      <RotateSecret appId={app.appId} />
      <CreateApiKey appId={app.appId} />
      <ApiKeys appId={app.appId} />
    </article>
  );
}
