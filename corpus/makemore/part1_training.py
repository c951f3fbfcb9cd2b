# Source: karpathy/nn-zero-to-hero lectures/makemore/makemore_part1_bigrams.ipynb (cells 56-58: gradient descent on all bigrams, then sampling; 100 steps cut to 20)
import torch
import torch.nn.functional as F
# names.txt inlined (offline): 299 common first names stand in for the lecture's 32,033
# words = open('names.txt', 'r').read().splitlines()
words = """
emma olivia ava isabella sophia charlotte mia amelia harper evelyn abigail emily elizabeth mila
ella avery sofia camila aria scarlett victoria madison luna grace chloe penelope layla riley zoey
nora lily eleanor hannah lillian addison aubrey ellie stella natalie zoe leah hazel violet aurora
savannah audrey brooklyn bella claire skylar lucy paisley everly anna caroline nova genesis emilia
kennedy samantha maya willow kinsley naomi aaliyah elena sarah ariana allison gabriella alice
madelyn cora ruby eva serenity autumn adeline hailey gianna valentina isla eliana quinn nevaeh ivy
sadie piper lydia alexa josephine emery julia delilah arianna vivian kaylee sophie brielle madeline
peyton rylee clara hadley melanie mackenzie reagan adalynn liliana aubree jade katherine isabelle
natalia raelynn maria athena ximena arya leilani taylor faith rose kylie alexandra mary margaret
lyla ashley amaya eliza brianna bailey andrea khloe jasmine melody iris isabel norah annabelle
valeria emerson adalyn ryleigh eden emersyn anastasia kayla alyssa juliana charlie esther ariel
cecilia valerie alina molly reese aliyah lilly noah liam mason jacob william ethan james alexander
michael benjamin elijah daniel aiden logan matthew lucas jackson david oliver jayden joseph gabriel
samuel carter anthony john dylan luke henry andrew isaac christopher joshua wyatt sebastian owen
caleb nathan ryan jack hunter levi christian jaxon julian landon grayson jonathan isaiah charles
thomas aaron eli connor jeremiah cameron josiah adrian colton jordan brayden nicholas robert angel
hudson lincoln evan dominic austin gavin nolan parker adam chase jace ian cooper easton kevin jose
tyler brandon asher jaxson mateo jason ayden zachary carson xavier leo ezra bentley sawyer kayden
blake nathaniel ryder theodore elias tristan roman leonardo camden brody luis miles micah vincent
justin greyson declan maxwell juan cole damian carlos max harrison weston santiago jesus bryson
quentin zane felix oscar axel silas jude rowan ezekiel kai beau emmett finn knox xander
""".split()
chars = sorted(list(set(''.join(words))))
stoi = {s:i+1 for i,s in enumerate(chars)}
stoi['.'] = 0
itos = {i:s for s,i in stoi.items()}

# create the dataset
xs, ys = [], []
for w in words:
  chs = ['.'] + list(w) + ['.']
  for ch1, ch2 in zip(chs, chs[1:]):
    ix1 = stoi[ch1]
    ix2 = stoi[ch2]
    xs.append(ix1)
    ys.append(ix2)
xs = torch.tensor(xs)
ys = torch.tensor(ys)
num = xs.nelement()
print('number of examples: ', num)

# initialize the 'network'
g = torch.Generator().manual_seed(2147483647)
W = torch.randn((27, 27), generator=g, requires_grad=True)

# gradient descent
for k in range(20):
  
  # forward pass
  xenc = F.one_hot(xs, num_classes=27).float() # input to the network: one-hot encoding
  logits = xenc @ W # predict log-counts
  counts = logits.exp() # counts, equivalent to N
  probs = counts / counts.sum(1, keepdims=True) # probabilities for next character
  loss = -probs[torch.arange(num), ys].log().mean() + 0.01*(W**2).mean()
  print(loss.item())
  
  # backward pass
  W.grad = None # set to zero the gradient
  loss.backward()
  
  # update
  W.data += -50 * W.grad

# finally, sample from the 'neural net' model
g = torch.Generator().manual_seed(2147483647)

for i in range(5):
  
  out = []
  ix = 0
  while True:
    xenc = F.one_hot(torch.tensor([ix]), num_classes=27).float()
    logits = xenc @ W # predict log-counts
    counts = logits.exp() # counts, equivalent to N
    p = counts / counts.sum(1, keepdims=True) # probabilities for next character
    
    ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
    out.append(itos[ix])
    if ix == 0:
      break
  print(''.join(out))
