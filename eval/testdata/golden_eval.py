# Golden values of eval/eval_test.go (scikit-learn 1.2.1, Debian python3-sklearn):
#   /usr/bin/python3 eval/testdata/golden_eval.py
import numpy as np
from sklearn.metrics import f1_score, accuracy_score, top_k_accuracy_score, precision_score, recall_score
rng=np.random.default_rng(7)
n,k=40,5
logits=rng.normal(size=(n,k))*2
P=np.exp(logits); P/=P.sum(1,keepdims=True)
y=rng.integers(0,k,size=n)
y[:3]=0  # make class 0 frequent
pred=P.argmax(1)
print("probs", np.round(P,6).tolist())
print("y", y.tolist())
print("acc", accuracy_score(y,pred))
print("macroF1", repr(f1_score(y,pred,average='macro')))
print("top3", top_k_accuracy_score(y,P,k=3,labels=list(range(k))))
print("prec", precision_score(y,pred,average=None,labels=[0,1,2,3,4]).tolist())
print("rec", recall_score(y,pred,average=None,labels=[0,1,2,3,4]).tolist())
conf=P.max(1); hit=(pred==y).astype(float); bins=np.minimum((conf*10).astype(int),9)
ece=sum((bins==b).sum()/n*abs(hit[bins==b].mean()-conf[bins==b].mean()) for b in range(10) if (bins==b).any())
print("ece", repr(ece))
