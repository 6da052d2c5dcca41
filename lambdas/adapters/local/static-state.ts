import type { StateSource } from '../../app/ports';
import type { NetworkModel } from '../../core/model/types';

/** A StateSource over one model held in memory (a loaded snapshot), replaceable after a revert. */
export class StaticState implements StateSource {
  constructor(private current: NetworkModel) {}

  async modelFor(): Promise<NetworkModel> {
    return this.current;
  }

  get model(): NetworkModel {
    return this.current;
  }

  replace(model: NetworkModel): void {
    this.current = model;
  }
}
