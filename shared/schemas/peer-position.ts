import { z } from 'zod';
import { PEER_QUARTERS } from '../peer-quartiles';

/**
 * The association's own view of the comparison (issue #6): its figures against anonymised quartiles of the
 * associations under the same umbrella. Only aggregates and the caller's own values: no other association's name,
 * id or single value (hence no minimum or maximum). Quantile method and quarter: shared/peer-quartiles.ts.
 */

export const peerFigureSchema = z
  .enum(['coverage', 'members', 'membersChange12m', 'activitiesOrganised', 'participantsAttended', 'companiesAttended'])
  .meta({ description: 'coverage (members ÷ companies), members, change in members over 12 months, own activities in the year, participants who attended, distinct companies that attended' });
export type PeerFigure = z.infer<typeof peerFigureSchema>;

export const peerQuarterSchema = z.enum(PEER_QUARTERS).meta({ description: 'bottom / second / third / top quarter, from the percentile rank with ties counted half' });

export const peerFigurePositionSchema = z
  .object({
    figure: peerFigureSchema,
    value: z.number().meta({ description: 'The caller’s own value' }),
    count: z.number().int().meta({ description: 'Associations with a known value, the caller included' }),
    tooFewPeers: z.boolean().meta({ description: 'Fewer than `minimumPeers` known values: no quartiles, no quarter' }),
    quartiles: z.object({ q1: z.number(), median: z.number(), q3: z.number() }).nullable(),
    quarter: peerQuarterSchema.nullable().meta({ description: 'null with too few peers, or when every association has the same value' }),
    allEqual: z.boolean(),
  })
  .meta({ id: 'PeerFigurePosition' });
export type PeerFigurePosition = z.infer<typeof peerFigurePositionSchema>;

export const peerPositionSchema = z
  .object({
    year: z.number().int(),
    umbrellaName: z.string().nullable().meta({ description: 'null for an association without an umbrella (then there are no peers)' }),
    associationCount: z.number().int().meta({ description: 'Associations under the umbrella, the caller included (0 without an umbrella)' }),
    minimumPeers: z.number().int().meta({ description: 'Known values needed before quartiles are shown' }),
    tooFewPeers: z.boolean().meta({ description: 'Fewer associations than `minimumPeers` under the umbrella (or none): own figures only' }),
    figures: z.array(peerFigurePositionSchema).meta({ description: 'One per figure the caller has a value for; unknown figures are left out' }),
  })
  .meta({ id: 'PeerPosition' });
export type PeerPosition = z.infer<typeof peerPositionSchema>;

export const peerPositionQuerySchema = z.strictObject({
  // The error on the number itself too: "abc" would otherwise answer a generic invalid_type.
  year: z.coerce.number({ error: 'invalid_year' }).int({ error: 'invalid_year' }).min(2000, { error: 'invalid_year' }).max(2200, { error: 'invalid_year' }).optional(),
});
