from app.layer_three import third

print(eval(third()))
