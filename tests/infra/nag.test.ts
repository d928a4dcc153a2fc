import { App, Stack, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { afterAll, describe, expect, it } from 'vitest';
import { routes, streamConsumers, type RouteDefinition } from '../../functions/routes';
import { addParkpunt } from '../../infra/parkpunt';
import { cleanUp, fakeSiteBuild, synthParkpunt, tempDir } from './synth';

/** Every acknowledgment in the tree, as [construct path, rule id, reason]. */
function acknowledgments(root: IConstruct): [string, string, string][] {
  return root.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) =>
        Object.entries(entry.data as Record<string, string>).map(
          ([id, reason]) => [construct.node.path, id, reason] as [string, string, string],
        ),
      ),
  );
}

afterAll(cleanUp);

describe('cdk-nag (AwsSolutions)', () => {
  it('fails synthesis of the app on an unacknowledged finding', () => {
    const app = new App({ outdir: tempDir(), context: { 'aws:cdk:bundling-stacks': [] } });
    const { data } = addParkpunt(app, { stage: 'test' });
    new Bucket(data, 'Unchecked'); // no TLS-only policy, no access logs
    expect(() => app.synth()).toThrow(/AwsSolutions-S10/);
  });

  it('finds nothing unacknowledged in the whole app (prod, with a site build), and every acknowledgment has a reason', () => {
    const { app } = synthParkpunt({ stage: 'prod', siteAssetPath: fakeSiteBuild() }); // app.synth() throws on a finding

    const nagAcks = acknowledgments(app).filter(([, id]) => /AwsSolutions-/.test(id));
    expect(nagAcks.length).toBeGreaterThan(0);
    for (const [path, id, reason] of nagAcks) expect(reason.length, `${path} ${id}`).toBeGreaterThan(30);
    // Acknowledgments sit on the construct they concern, never on a whole stack or the app.
    for (const [path] of nagAcks) expect(path.split('/').length, path).toBeGreaterThan(1);

    // "No authorization" is acknowledged on the public routes of the route table, one by one, and nowhere else.
    const ruleOf = (id: string) => id.replace(/^Annotation::/, '');
    const apig4 = nagAcks.filter(([, id]) => ruleOf(id) === 'AwsSolutions-APIG4').map(([path]) => path);
    const publicRoutes = routes.filter((route: RouteDefinition) => route.access.kind === 'public');
    expect(apig4.sort()).toEqual(publicRoutes.map((route) => `Parkpunt-prod-Api/HttpApi/Route-${route.operationId}`).sort());
    // Optional MFA is a choice, acknowledged on the user pool only.
    expect(nagAcks.filter(([, id]) => ruleOf(id) === 'AwsSolutions-COG2').map(([path]) => path)).toEqual([
      'Parkpunt-prod-Auth/UserPool',
    ]);

    // The stream consumers' on-failure queues need no DLQ of their own (SQS3), on those queues only.
    const consumers = Object.keys(streamConsumers);
    expect(nagAcks.filter(([, id]) => ruleOf(id) === 'AwsSolutions-SQS3').map(([path]) => path)).toEqual(
      consumers.map((name) => `Parkpunt-prod-Api/${name}DeadLetters`),
    );
    // Wildcards in the API stack: only dynamodb:ListStreams on the stream consumers' roles. The tenant role and the
    // HTTP functions' roles need none: their `dynamodb:LeadingKeys` patterns are conditions, which IAM5 ignores.
    const apiWildcards = nagAcks
      .filter(([path, id]) => path.startsWith('Parkpunt-prod-Api/') && ruleOf(id).startsWith('AwsSolutions-IAM5'))
      .map(([path, id]) => `${path} ${ruleOf(id)}`);
    expect(apiWildcards).toEqual(consumers.map((name) => `Parkpunt-prod-Api/${name}Role AwsSolutions-IAM5[Resource::*]`));
  });

  it('the plugin itself reports what it finds (sanity check of the negative test)', () => {
    const app = new App({ outdir: tempDir() });
    new Bucket(new Stack(app, 'Bad'), 'Bucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow(/AwsSolutions-S1\b/);
  });
});
