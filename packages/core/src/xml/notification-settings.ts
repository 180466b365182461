import { CLOUDS, type CloudName, type HostPlacement, hostOf, placementsOfHost } from "../clouds.js";
import { closest } from "../text/did-you-mean.js";
import { quote } from "../text/quote.js";
import { attribute, localName, type XmlAttribute, type XmlDocument, type XmlElement } from "./document.js";

// Where the values of an Omada notificationSettings file are (KNOWLEDGE.md §4):
//   <notificationSettings><smtp><network host port secureSocketOptions>
//     <azureAdClientCredentials instance clientId clientSecret tenantId userName scopes/>
// Elements are found by local name, whatever their namespace or place: a wrong namespace or a
// misplaced element is a structure finding, and its values are still worth checking.

export const NETWORK = "network";
export const CLIENT_CREDENTIALS = "azureAdClientCredentials";

/** The elements of a file that hold its values, found in one walk over its elements. */
export interface SettingsElements {
  /** The `network` elements whose values can be judged, in document order. */
  readonly networks: readonly XmlElement[];
  /** The `azureAdClientCredentials` elements whose values can be judged, in document order. */
  readonly credentials: readonly XmlElement[];
  /** Whether the file has client credentials anywhere, even in a start tag that breaks off. */
  readonly anyCredentials: boolean;
}

let last: { document: XmlDocument; elements: SettingsElements } | undefined;

/**
 * The elements of a document whose values the rules judge. A start tag that breaks off (xml-syntax
 * reports it) is left out: its attributes may be cut short, or run on into text beyond the break,
 * so a value rule would only add noise to the one real mistake. A dozen rules ask for these in
 * every file, one after another, so the answer for the last document asked about is kept.
 */
export function settingsElements(document: XmlDocument): SettingsElements {
  if (last?.document === document) return last.elements;
  const networks: XmlElement[] = [];
  const credentials: XmlElement[] = [];
  let anyCredentials = false;
  for (const element of document.elements) {
    const local = localName(element.name);
    if (local === CLIENT_CREDENTIALS) {
      anyCredentials = true;
      if (!element.broken) credentials.push(element);
    } else if (local === NETWORK && !element.broken) networks.push(element);
  }
  // Kept and handed to every rule that asks: read-only to them.
  const elements: SettingsElements = { networks, credentials, anyCredentials };
  last = { document, elements };
  return elements;
}

/** The `network` element a client-credentials element belongs to. */
export function networkOf(element: XmlElement): XmlElement | undefined {
  for (let scope = element.parent; scope; scope = scope.parent) if (localName(scope.name) === NETWORK) return scope;
  return undefined;
}

/** The client credentials a `network` element holds: the first azureAdClientCredentials below it, depth first. */
export function credentialsOf(network: XmlElement): XmlElement | undefined {
  // A stack rather than recursion: a file may nest elements thousands deep.
  const below = [network];
  for (let element = below.pop(); element; element = below.pop()) {
    if (element !== network && localName(element.name) === CLIENT_CREDENTIALS) return element;
    for (let index = element.children.length - 1; index >= 0; index--) below.push(element.children[index] as XmlElement);
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
const NOWHERE: readonly HostPlacement[] = [];

/**
 * The clouds the host of a written value (an instance URL, a host name, a scope URL) belongs to,
 * looked up once per value: a folder of notificationSettings files repeats the same few values,
 * and several rules ask about each of them in every file. The clouds never change while the
 * process runs, so neither does the answer; callers only read it. Kept for a bounded number of values.
 */
export function placementsOfValue(value: string): readonly HostPlacement[] {
  let placements = PLACEMENTS.get(value);
  if (placements === undefined) {
    const host = hostOf(value.trim());
    placements = host === undefined ? NOWHERE : placementsOfHost(host);
    if (PLACEMENTS.size >= PLACEMENTS_KEPT) PLACEMENTS.clear();
    PLACEMENTS.set(value, placements);
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
    const placed = value === undefined ? [] : placementsOfValue(value).map((placement) => placement.cloud);
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
 * An attribute value as messages show it: quote()'s form with a longer limit, as the mistake in
 * an id or a scope URL is often at its end.
 */
export function quoteValue(value: string): string {
  return quote(value, MAX_QUOTED);
}
