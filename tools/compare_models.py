#!/usr/bin/env python3
# Compares two mlp4j model files: the tensor bytes, the tensor layout, and which metadata keys differ.
# Usage: tools/compare_models.py OLD.safetensors NEW.safetensors   (how docs/benchmarks.md checks "the same model")
import json,struct,sys
def load(p):
    b=open(p,'rb').read(); n=struct.unpack('<Q',b[:8])[0]; h=json.loads(b[8:8+n]); return h,b[8+n:]
ha,da=load(sys.argv[1]); hb,db=load(sys.argv[2])
ma,mb=ha.pop('__metadata__',{}),hb.pop('__metadata__',{})
print('tensor data identical:', da==db, len(da), 'bytes;', 'tensor layout identical:', ha==hb)
print('metadata keys only in new:', sorted(set(mb)-set(ma)), 'only in old:', sorted(set(ma)-set(mb)))
print('changed shared keys:', [k for k in ma if k in mb and ma[k]!=mb[k]])
