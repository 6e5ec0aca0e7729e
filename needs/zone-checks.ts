/**
 * Zone rules of NEEDS-v1.1 (`cloud.zoneIds`, `cloud.availabilityZones`, the zones of
 * `workload.training.reservations`): every zone named must be one the region has and EKS
 * accepts, and the zones must add up to what the VPC can span.
 */
import { EKS_UNSUPPORTED_ZONE_IDS, findRegion } from './aws-regions';
import { didYouMean } from './closest-name';
import type { Problem } from './problem';
import { isRecord, type Sections } from './sections';

/** Every zone problem of the document. */
export function zoneProblems(root: Record<string, unknown>, sections: Sections): Problem[] {
  return [...zoneCountProblems(root, sections), ...zoneIdProblems(sections), ...reservationZoneProblems(sections)];
}

/** Why `zoneId` cannot be used in `region`, or undefined when it can. */
export function zoneIdProblem(zoneId: string, region: string): string | undefined {
  const zones = findRegion(region)?.zoneIds ?? [];
  if (zones.includes(zoneId)) return undefined;
  if (EKS_UNSUPPORTED_ZONE_IDS[zoneId] === region) return `${zoneId} is a zone of ${region} that Amazon EKS does not support for cluster subnets; choose one of ${zones.join(', ')}`;
  return `${zoneId} is not a zone of ${region}${didYouMean(zoneId, zones)}; the zones tracklayer can use there are ${zones.join(', ')}`;
}

function zoneCountProblems(root: Record<string, unknown>, { cloud }: Sections): Problem[] {
  if (!cloud?.region || cloud.availabilityZones === undefined) return [];
  const zones = findRegion(cloud.region)?.zoneIds.length;
  const given = isRecord(root.cloud) && root.cloud.availabilityZones !== undefined;
  if (cloud.zoneIds) {
    if (given && cloud.availabilityZones !== cloud.zoneIds.length) {
      return [{ path: ['cloud', 'availabilityZones'], message: `is ${cloud.availabilityZones}, but cloud.zoneIds lists ${cloud.zoneIds.length} zones and sets the count; remove availabilityZones or make them agree` }];
    }
    return [];
  }
  if (zones === undefined || cloud.availabilityZones <= zones) return [];
  const value = given ? `got ${cloud.availabilityZones}` : `got ${cloud.availabilityZones} (the default)`;
  return [{ path: ['cloud', 'availabilityZones'], message: `${cloud.region} offers ${zones} availability zones usable by EKS, ${value}; set availabilityZones to at most ${zones}` }];
}

function zoneIdProblems({ cloud }: Sections): Problem[] {
  if (!cloud?.zoneIds || !cloud.region) return [];
  const region = cloud.region;
  const seen = new Map<string, number>();
  return cloud.zoneIds.flatMap((zoneId, index): Problem[] => {
    const path = ['cloud', 'zoneIds', index];
    const first = seen.get(zoneId);
    if (first !== undefined) return [{ path, message: `duplicate zone ${zoneId} (also zoneIds[${first}]); list each zone once` }];
    seen.set(zoneId, index);
    const problem = zoneIdProblem(zoneId, region);
    return problem ? [{ path, message: problem }] : [];
  });
}

/** Reservation zones must exist in the region, be among cloud.zoneIds when given, and fit in the VPC's zone count. */
function reservationZoneProblems({ cloud, workload }: Sections): Problem[] {
  const reservations = workload?.training?.reservations ?? [];
  if (!cloud?.region || reservations.length === 0) return [];
  const region = cloud.region;
  const problems: Problem[] = reservations.flatMap((reservation, index): Problem[] => {
    const path = ['workload', 'training', 'reservations', index, 'zoneId'];
    const problem = zoneIdProblem(reservation.zoneId, region);
    if (problem) return [{ path, message: problem }];
    if (cloud.zoneIds && !cloud.zoneIds.includes(reservation.zoneId)) {
      return [{ path, message: `${reservation.zoneId} is not in cloud.zoneIds (${cloud.zoneIds.join(', ')}); the VPC has no subnet there, so add the zone to cloud.zoneIds` }];
    }
    return [];
  });
  const zones = new Set(reservations.map((r) => r.zoneId));
  if (!cloud.zoneIds && cloud.availabilityZones !== undefined && zones.size > cloud.availabilityZones) {
    problems.push({
      path: ['workload', 'training', 'reservations'],
      message: `span ${zones.size} zones, more than the VPC's ${cloud.availabilityZones} (cloud.availabilityZones); raise availabilityZones or list the zones in cloud.zoneIds`,
    });
  }
  return problems;
}
