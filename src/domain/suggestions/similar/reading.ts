/**
 * Texts read once for comparison and kept compact. Every new suggestion is compared with every
 * earlier one of its village, so reading those again each time cost most of the check (some 6 µs
 * a text and 2 KB of short-lived maps and strings); here a text is read once and kept as a few
 * small arrays of numbers, its words named once for all texts.
 */
import { type Analysis, analyse } from './analyse.js';

/** What a text says, as numbers of the table it was read into. Arrays keep the order the text names things in. */
export interface Reading {
  /** Feature numbers (concepts, places, leftover bigrams), each once. */
  readonly features: readonly number[];
  readonly objects: readonly number[];
  readonly places: readonly number[];
  /** Feature numbers of the groups and hamlets named (their `p:` features). */
  readonly groups: readonly number[];
  readonly hamlets: readonly number[];
  readonly workTypes: readonly number[];
  readonly aspects: readonly number[];
  readonly works: boolean;
  readonly protects: boolean;
  readonly removes: boolean;
}

const NONE: readonly number[] = Object.freeze([]);

function list(from: Iterable<number>): readonly number[] {
  const out = [...from];
  return out.length === 0 ? NONE : out;
}

/**
 * About 400 bytes a text (12 MB at this bound for texts of 20 characters): enough for all of a
 * city's suggestions, several tens per village. Past it the table starts afresh.
 */
const MAX_TEXTS = 30_000;
const MAX_FEATURES = 200_000;

/**
 * The table of feature names and the texts read into it. Bounded: when either is full, `refresh`
 * forgets everything, so readings from before it must not be compared with readings after it.
 */
export class Readings {
  private readonly ids = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly weights: number[] = [];
  private readonly texts = new Map<string, Reading>();

  constructor(
    private readonly maxTexts = MAX_TEXTS,
    private readonly maxFeatures = MAX_FEATURES,
  ) {}

  /**
   * Starts afresh when `coming` more texts might not fit. Call before reading the texts of one
   * comparison, never in between.
   */
  refresh(coming: number): void {
    if (this.texts.size + coming <= this.maxTexts && this.names.length < this.maxFeatures) return;
    this.ids.clear();
    this.names.length = 0;
    this.weights.length = 0;
    this.texts.clear();
  }

  /** Texts read since the last fresh start. */
  get size(): number {
    return this.texts.size;
  }

  read(text: string): Reading {
    const known = this.texts.get(text);
    if (known) return known;
    const reading = this.compact(analyse(text));
    this.texts.set(text, reading);
    return reading;
  }

  /** `c:<concept>`, `p:<place>` or `b:<bigram>`. */
  name(feature: number): string {
    return this.names[feature]!;
  }

  /** The feature's weight before the village's word frequencies (a feature's key decides it). */
  weight(feature: number): number {
    return this.weights[feature]!;
  }

  isLeftover(feature: number): boolean {
    return this.names[feature]!.startsWith('b:');
  }

  private id(name: string, weight: number): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
      this.weights.push(weight);
    }
    return id;
  }

  private compact(a: Analysis): Reading {
    const features: number[] = [];
    for (const [name, weight] of a.features) features.push(this.id(name, weight));
    const place = (p: string) => this.ids.get(`p:${p}`)!;
    return {
      features,
      objects: list(a.objects),
      places: list(a.places),
      groups: list([...a.groups].map(place)),
      hamlets: list([...a.hamlets].map(place)),
      workTypes: list(a.workTypes),
      aspects: list(a.aspects),
      works: a.works,
      protects: a.protects,
      removes: a.removes,
    };
  }
}
