import { CLOUDS, type CloudName, type HostPlacement, hostOf, placementsOfHost } from "../clouds.js";
import { closest } from "../text/did-you-mean.js";
import { attribute, localName, type XmlAttribute, type XmlDocument, type XmlElement } from "./document.js";

// Where the values of an Omada notificationSettings file are (KNOWLEDGE.md §4):
//   <notificationSettings><smtp><network host port secureSocketOptions>
//     <azureAdClientCredentials instance clientId clientSecret tenantId userName scopes/>
// Elements are found by local name, whatever their namespace or place: a wrong namespace or a
// misplaced element is a structure finding, and its values are still worth checking.

export const NETWORK = "network";
export const CLIENT_CREDENTIALS = "azureAdClientCredentials";

/**
 * The elements of a local name whose values can be judged, in document order. A start tag that
 * breaks off (xml-syntax reports it) is left out: its attributes may be cut short, or run on into
 * text beyond the break, so a value rule would only add noise to the one real mistake.
 */
export function elementsNamed(document: XmlDocument, name: string): XmlElement[] {
  return document.elements.filter((element) => localName(element.name) === name && !element.broken);
}

/** The `network` element a client-credentials element belongs to. */
export function networkOf(element: XmlElement): XmlElement | undefined {
  for (let scope = element.parent; scope; scope = scope.parent) if (localName(scope.name) === NETWORK) return scope;
  return undefined;
}

/** The client credentials a `network` element holds: the first azureAdClientCredentials below it. */
export function credentialsOf(network: XmlElement): XmlElement | undefined {
  const below = [...network.children];
  for (let element = below.shift(); element; element = below.shift()) {
    if (localName(element.name) === CLIENT_CREDENTIALS) return element;
    below.unshift(...element.children);
  }
  return undefined;
}

/** An attribute's value, when the attribute is there and its start tag whole. */
export function attributeValue(element: XmlElement | undefined, name: string): string | undefined {
  return element === undefined || element.broken ? undefined : attribute(element, name)?.value;
}

/** An attribute of another spelling that stands for `name` (`secureSocketOption`): unknown-attribute reports it, and other rules treat it as present. */
export function misspelt(element: XmlElement, name: string): XmlAttribute | undefined {
  return element.attributes.find((candidate) => candidate.name !== name && closest(candidate.name, [name]) === name);
}

/** The port a `port` value names, or undefined when it is no port number. */
export function portNumber(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d{1,5}\s*$/.test(value)) return undefined;
  const port = Number(value.trim());
  return port >= 1 && port <= 65535 ? port : undefined;
}

const PLACEMENTS = new Map<string, readonly HostPlacement[]>();
const PLACEMENTS_KEPT = 256;

/**
 * placementsOfHost, looked up once per host name: it builds every cloud's host list (parsing each
 * Outlook resource URL) on each call, and a folder of notificationSettings files asks about the
 * same few hosts several times per file. The clouds never change while the process runs, so the
 * answer for a host does not either; callers only read it. Kept to a bounded number of hosts.
 */
export function placementsOfXmlHost(host: string): readonly HostPlacement[] {
  let placements = PLACEMENTS.get(host);
  if (placements === undefined) {
    placements = placementsOfHost(host);
    if (PLACEMENTS.size >= PLACEMENTS_KEPT) PLACEMENTS.clear();
    PLACEMENTS.set(host, placements);
  }
  return placements;
}

/**
 * The clouds one submission setup points to, judged by the authority (`instance`) and the SMTP
 * host: the clouds both belong to. `undefined` when neither names a known cloud (a relay, the
 * emulator, or nothing written); empty when they disagree (cloud-consistency reports that).
 */
export function cloudsOfSetup(credentials: XmlElement | undefined, network: XmlElement | undefined): CloudName[] | undefined {
  let clouds: CloudName[] | undefined;
  for (const value of [attributeValue(credentials, "instance"), attributeValue(network, "host")]) {
    const host = value === undefined ? undefined : hostOf(value.trim());
    const placed = host === undefined ? [] : placementsOfXmlHost(host).map((placement) => placement.cloud);
    if (placed.length === 0) continue;
    clouds = clouds === undefined ? placed : clouds.filter((cloud) => placed.includes(cloud));
  }
  return clouds;
}

/** Whether a Microsoft source gives the Outlook resource of every one of the clouds. */
export function resourceVerified(clouds: readonly CloudName[]): boolean {
  return clouds.length > 0 && clouds.every((cloud) => CLOUDS[cloud].verified.outlookResource);
}

const MAX_QUOTED = 100;

/**
 * An attribute value as messages show it: JSON-quoted, shortened with … only when very long.
 * Longer than quote()'s limit, as the mistake in an id or a scope URL is often at its end.
 */
export function quoteValue(value: string): string {
  return JSON.stringify(value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED - 1)}…` : value);
}
