# Source: karpathy/nn-zero-to-hero lectures/makemore/makemore_part1_bigrams.ipynb (cells 0-14: counting bigrams, first sample)
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
print(words[:10])
print(len(words))
print(min(len(w) for w in words))
print(max(len(w) for w in words))

b = {}
for w in words:
  chs = ['<S>'] + list(w) + ['<E>']
  for ch1, ch2 in zip(chs, chs[1:]):
    bigram = (ch1, ch2)
    b[bigram] = b.get(bigram, 0) + 1
print(sorted(b.items(), key = lambda kv: -kv[1])[:10])

import torch
N = torch.zeros((27, 27), dtype=torch.int32)
chars = sorted(list(set(''.join(words))))
stoi = {s:i+1 for i,s in enumerate(chars)}
stoi['.'] = 0
itos = {i:s for s,i in stoi.items()}

for w in words:
  chs = ['.'] + list(w) + ['.']
  for ch1, ch2 in zip(chs, chs[1:]):
    ix1 = stoi[ch1]
    ix2 = stoi[ch2]
    N[ix1, ix2] += 1

# (the lecture draws N with matplotlib here; we print a corner of it)
print(N[:5, :5])
print(N[0])
p = N[0].float()
p = p / p.sum()
print(p)
g = torch.Generator().manual_seed(2147483647)
ix = torch.multinomial(p, num_samples=1, replacement=True, generator=g).item()
print(itos[ix])
